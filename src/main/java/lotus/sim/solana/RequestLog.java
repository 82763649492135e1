package lotus.sim.solana;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A simulator's record of the requests it answered, for tests to assert on ("no /swap in a dry run"), keeping only
 * the latest {@code capacity}: a long demo must not grow it without bound. Thread-safe.
 */
final class RequestLog<T> {

    private final int capacity;
    private final ArrayDeque<T> entries = new ArrayDeque<>();

    RequestLog(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(T entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    synchronized List<T> all() {
        return List.copyOf(entries);
    }
}
