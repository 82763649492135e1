package lotus.pm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named places on the money path where the crash test stops the process dead, as a power cut or {@code kill -9}
 * would: {@code -Dlotus.failpoint=NAME} halts the JVM (no shutdown hooks, no flushes, exit 137) the moment that
 * point is reached. Without the property every point is a no-op read of a constant.
 *
 * <p>The points: {@code after_journal} (the order's intent and its position are committed, nothing sent),
 * {@code after_send} (the venue has the order; its answer is never read), {@code during_fill_write} (inside the
 * transaction that applies a fill, before it commits).
 */
public final class FailPoint {

    private static final Logger log = LoggerFactory.getLogger(FailPoint.class);
    private static final String ARMED = System.getProperty("lotus.failpoint", "");

    private FailPoint() {
    }

    public static void hit(String name) {
        if (!ARMED.isEmpty() && ARMED.equals(name)) {
            log.error("fail point {} reached: halting the process", name);
            Runtime.getRuntime().halt(137);
        }
    }
}
