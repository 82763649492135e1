package lotus.hyperliquid.common;

import java.io.EOFException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Why a request did not get through, in words a person can act on. The JDK's network exceptions often carry no
 * message ({@code ConnectException: null}), so the type says it.
 */
public final class NetFailure {

    private NetFailure() {
    }

    /** {@code connection refused}, {@code unknown host}, {@code timed out}, ... or the first message in the chain. */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String known = word(t);
            if (known != null) {
                return known;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage().lines().findFirst().orElse("").strip();
            }
        }
        return error.getClass().getSimpleName();
    }

    private static String word(Throwable t) {
        return switch (t) {
            case HttpConnectTimeoutException e -> "connection timed out";
            case HttpTimeoutException e -> "no answer in time";
            case UnresolvedAddressException e -> "unknown host";
            case UnknownHostException e -> "unknown host";
            case NoRouteToHostException e -> "no route to host";
            case ConnectException e -> e.getMessage() == null || e.getMessage().isBlank()
                    || e.getMessage().contains("refused") ? chained(e) : "cannot connect (" + e.getMessage() + ")";
            case ClosedChannelException e -> "connection closed";
            case EOFException e -> "connection closed";
            case SSLException e -> "TLS error (" + e.getMessage() + ")";
            default -> null;
        };
    }

    /** A bare ConnectException wraps the real reason (an unresolved host) or means the port refused us. */
    private static String chained(ConnectException e) {
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return "unknown host";
            }
        }
        return "connection refused";
    }

    /** {@code 1 s}, {@code 4.5 s}: a wait for a log line. */
    public static String seconds(long ms) {
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
