package lotus.app;

/**
 * A value that must never be printed: {@link #toString()} is {@code ***}, so a secret that slips into a log line,
 * an exception message or {@code lotus config} shows nothing.
 */
public final class Secret {

    private final String value;

    Secret(String value) {
        this.value = value;
    }

    /** The value itself, for the one place that signs with it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
