package lotus.ingest;

/** The ingest's background threads: daemons (they never keep the JVM alive), stopped by interrupt and a bounded join. */
final class Workers {

    private Workers() {
    }

    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** Interrupts {@code t} and waits up to 5 s for it to finish. */
    static void stop(Thread t) {
        t.interrupt();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
