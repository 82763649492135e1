package lotus.app;

/** Broken configuration: the message names the key and what it accepts, never a secret's value. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
