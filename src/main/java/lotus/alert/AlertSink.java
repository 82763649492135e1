package lotus.alert;

/**
 * Where alerts go: a port, so the risk gate, the PM's wiring and the account watch raise alerts without knowing the
 * target. {@link #send} never blocks and never throws: it is called on a tick's path.
 */
public interface AlertSink {

    /** Alerts nowhere: the default when no target is configured. */
    AlertSink NONE = alert -> {
    };

    /** Hands the alert over and returns at once; what cannot be delivered is counted, never waited for. */
    void send(Alert alert);
}
