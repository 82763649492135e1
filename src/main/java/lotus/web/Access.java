package lotus.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Who may do what: reads are open to this machine (loopback) and need the token from anywhere else; every write needs
 * the token, and a browser's cross-origin write is refused even with it, so a page on another site cannot drive halt
 * and resume through an operator's browser.
 */
final class Access {

    /** A request turned away, with the status it gets. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final byte[] token;
    private final String boundHost;

    /** @param boundHost the address the server listens on, a name a tokenless read may also use as its Host */
    Access(String token, String boundHost) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.boundHost = boundHost.toLowerCase(Locale.ROOT);
    }

    /** Runs before every {@code /api} handler: returns normally, or throws {@link Refused}. */
    void check(Context ctx) {
        boolean read = ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
        if (read && isLoopback(ctx.ip()) && !forwarded(ctx) && ctx.header("Authorization") == null) {
            // DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 reaches this server from the
            // operator's own browser, with Host evil.example; a tokenless read must name this machine.
            if (!isOwnHost(ctx.header("Host"))) {
                throw new Refused(403, "a read without the token must be addressed to this machine (Host "
                        + ctx.header("Host") + ")");
            }
            return;
        }
        String auth = ctx.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            throw new Refused(401, (read ? "reads from another machine" : "writes")
                    + " need Authorization: Bearer <server.token>");
        }
        // Constant time: a comparison that stops at the first wrong byte tells an attacker how much was right.
        if (!MessageDigest.isEqual(token, auth.substring("Bearer ".length()).strip()
                .getBytes(StandardCharsets.UTF_8))) {
            throw new Refused(401, "wrong token");
        }
        if (!read) {
            checkOrigin(ctx.header("Origin"), ctx.header("Host"));
        }
    }

    /** No Origin (curl, scripts) or this server's own is fine; anything else is another site's page. */
    static void checkOrigin(String origin, String host) {
        if (origin == null) {
            return;
        }
        String own = host == null ? null : "http://" + host.toLowerCase(Locale.ROOT);
        String given;
        try {
            URI u = URI.create(origin.strip());
            given = u.getScheme() == null || u.getRawAuthority() == null ? origin
                    : (u.getScheme() + "://" + u.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            given = origin;
        }
        if (!given.equals(own)) {
            throw new Refused(403, "cross-origin write refused (Origin " + origin + ")");
        }
    }

    /**
     * A proxy on this machine (nginx's proxy_pass to 127.0.0.1) makes every client look like loopback: a request it
     * forwarded says so in one of these headers, and is treated as coming from elsewhere.
     */
    private static boolean forwarded(Context ctx) {
        return ctx.header("Forwarded") != null || ctx.header("X-Forwarded-For") != null
                || ctx.header("X-Real-IP") != null;
    }

    private boolean isOwnHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        // Strip the port: host:port, or [v6]:port.
        h = h.startsWith("[") ? h.substring(1, Math.max(1, h.indexOf(']'))) : h.contains(":") ? h.substring(0,
                h.lastIndexOf(':')) : h;
        return h.equals("localhost") || h.equals(boundHost) || isIpLiteral(h) && isLoopback(h);
    }

    private static boolean isIpLiteral(String h) {
        return h.indexOf(':') >= 0 || h.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    static boolean isLoopback(String ip) {
        try {
            // An IP literal: getByName parses it without a lookup.
            return InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
