package lotus.hyperliquid.signing;

import lotus.time.Clock;

/**
 * Nonces for one signer: millisecond timestamps, strictly increasing and unique across threads
 * (HYPERLIQUID.md §6.3). One allocator per signing key, one process per key. Against the real exchange the clock
 * must be real time: the venue refuses nonces far from its own.
 */
public final class NonceAllocator {

    private final Clock clock;
    private long last = Long.MIN_VALUE;

    public NonceAllocator(Clock clock) {
        this.clock = clock;
    }

    public synchronized long next() {
        last = Math.max(clock.nowMs(), last + 1);
        return last;
    }
}
