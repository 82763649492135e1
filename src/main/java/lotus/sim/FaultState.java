package lotus.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The switches {@link SimFaults} sets and {@link Broadcaster} obeys. Flags are volatile: tests flip them live. */
final class FaultState {

    volatile boolean duplicateFrames;
    volatile boolean reorderTrades;
    volatile boolean stallData;
    /** Sim-clock delay per API coin for its trade frames; absent = no delay. */
    final Map<String, Long> coinDelayMs = new ConcurrentHashMap<>();
    /** How many more {@code /exchange} requests are processed but not answered. */
    final AtomicInteger dropExchangeResponses = new AtomicInteger();
    /** How many more {@code /exchange} order actions are executed and then not answered (connection cut). */
    final AtomicInteger holdExchangeAnswers = new AtomicInteger();
    /** How many more {@code /exchange} order actions are executed and then answered {@link #failStatus}. */
    final AtomicInteger fail5xxAfterFill = new AtomicInteger();
    volatile int failStatus = 500;
}
