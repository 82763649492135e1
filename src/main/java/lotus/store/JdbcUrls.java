package lotus.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** JDBC URL helpers. A URL can carry a password, so every URL that reaches a log or a message goes through here. */
public final class JdbcUrls {

    /** Any parameter whose name says it holds a secret: password, sslpassword, sslkey, apiToken, client_secret... */
    private static final Pattern SECRET_PARAM =
            Pattern.compile("(?i)([?&;][^=&;?\\s]*(?:password|secret|token|key)[^=&;?\\s]*=)[^&;\\s]*");
    /**
     * {@code //user:password@host}: the password is everything after the first colon of the user-info. Drivers quote
     * the authority alone too ({@code UnknownHostException: user:password@host}), so no {@code //} is needed.
     */
    private static final Pattern USER_INFO = Pattern.compile("(^|[/\\s])([^/?#@:\\s]*:)[^/?#\\s]*@");

    private JdbcUrls() {
    }

    /**
     * The URL, or any text quoting one (a driver's message), with every password-like parameter value and the
     * user-info password replaced by {@code ***}.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = SECRET_PARAM.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(out).replaceAll("$1$2***@");
    }

    /**
     * A copy of {@code error}'s cause chain with every message passed through {@code mask}: same classes (by name),
     * same stack traces, so a driver's or pool's exception can be logged or wrapped without the URL it quoted.
     */
    public static RuntimeException maskedChain(Throwable error, UnaryOperator<String> mask) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        Masked copy = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            copy = new Masked(chain.get(i), mask, copy);
        }
        return copy;
    }

    /** {@link #maskedChain(Throwable, UnaryOperator)} with {@link #redact(String)}. */
    public static RuntimeException redactedChain(Throwable error) {
        return maskedChain(error, JdbcUrls::redact);
    }

    /** Stands in for an exception whose message may have held a secret: its class name and stack, message masked. */
    private static final class Masked extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        Masked(Throwable original, UnaryOperator<String> mask, Throwable cause) {
            super(original.getMessage() == null ? null : mask.apply(original.getMessage()), cause, false, true);
            this.originalClass = original.getClass().getName();
            setStackTrace(original.getStackTrace());
        }

        @Override
        public String toString() {
            String m = getMessage();
            return m == null ? originalClass : originalClass + ": " + m;
        }
    }
}
