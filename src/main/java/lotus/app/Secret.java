package lotus.app;

/**
 * A value that must never be printed: {@link #toString()} is {@code ***}, so a secret that slips into a log line,
 * an exception message or {@code lotus config} shows nothing.
 */
public final class Secret {

    /** 64 hex digits in a row: a private key, wherever it turns up (a path, an address, a URL, a message). */
    private static final java.util.regex.Pattern KEY_LIKE =
            java.util.regex.Pattern.compile("(0x)?(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])");

    private final String value;

    Secret(String value) {
        this.value = value;
    }

    /** The value itself, for the one place that signs with it. */
    public String reveal() {
        return value;
    }

    /** Whether {@code text} holds something that looks like a private key. The one place that decides it. */
    public static boolean looksLikeKey(String text) {
        return text != null && KEY_LIKE.matcher(text).find();
    }

    /** {@code 'text'} for a message, or {@code (value not shown)} when it looks like a private key. */
    public static String quoted(String text) {
        return looksLikeKey(text) ? "(value not shown)" : "'" + text + "'";
    }

    /** {@code text} with every key-like run replaced by {@code ***}, for messages that may quote anything. */
    public static String mask(String text) {
        return text == null ? null : KEY_LIKE.matcher(text).replaceAll("***");
    }

    @Override
    public String toString() {
        return "***";
    }
}
