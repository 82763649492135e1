package lotus.time;

/**
 * Something that runs in the background. Nothing runs before {@link #start()}; {@link #close()} stops it, waits for
 * its threads and may be called any number of times, also when it was never started.
 */
public interface Service extends AutoCloseable {

    void start();

    @Override
    void close();
}
