package lotus.exec;

import lotus.hyperliquid.exchange.ExchangeResponse;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.exchange.UnknownOutcomeException;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyperliquid's dead man's switch (HYPERLIQUID.md §7, {@code scheduleCancel}): while live, every open order of the
 * account is cancelled by the venue itself at a time we keep pushing forward. If this process dies or loses the
 * venue, nothing it left resting outlives it by more than {@code windowMs}. Lotus's own orders are IOC and never
 * rest, so this guards the exceptions (an IOC the venue answered as resting, an order placed by hand).
 *
 * <p>Where the venue refuses to schedule (it requires some traded volume first), it is said once and not asked
 * again: the refusal is the account's state, not a fault.
 */
public final class DeadMansSwitch {

    private static final Logger log = LoggerFactory.getLogger(DeadMansSwitch.class);
    /** The venue refuses a time less than 5 s ahead. */
    public static final long MIN_AHEAD_MS = 5_000;

    private final HlExchangeClient exchange;
    private final Clock clock;
    private final long windowMs;
    private volatile boolean refused;
    private volatile long armedUntilMs;

    /** @param windowMs how far ahead each refresh sets the cancel time (at least 5 s) */
    public DeadMansSwitch(HlExchangeClient exchange, Clock clock, long windowMs) {
        if (windowMs < MIN_AHEAD_MS) {
            throw new IllegalArgumentException("the venue needs the cancel time at least 5 s ahead, got " + windowMs);
        }
        this.exchange = exchange;
        this.clock = clock;
        this.windowMs = windowMs;
    }

    /** Pushes the cancel time to now + the window; returns whether the venue took it. */
    public boolean refresh() {
        if (refused) {
            return false;
        }
        long until = clock.nowMs() + windowMs;
        try {
            ExchangeResponse r = exchange.scheduleCancel(until);
            if (r instanceof ExchangeResponse.Ok) {
                armedUntilMs = until;
                return true;
            }
            refused = true;
            log.warn("the venue refused the dead man's switch ({}); open orders are not cancelled automatically if"
                    + " this process dies", r);
            return false;
        } catch (UnknownOutcomeException e) {
            log.warn("dead man's switch refresh had no answer; trying again at the next reconcile: {}",
                    e.getMessage());
            return false;
        }
    }

    /** The cancel time the venue last accepted (0 before the first). */
    public long armedUntilMs() {
        return armedUntilMs;
    }

    /** On a clean stop: nothing is left to cancel for us, so the schedule is removed. */
    public void disarm() {
        if (refused || armedUntilMs == 0) {
            return;
        }
        try {
            exchange.scheduleCancel(null);
        } catch (UnknownOutcomeException e) {
            log.warn("could not remove the dead man's switch; it fires at {}: {}",
                    java.time.Instant.ofEpochMilli(armedUntilMs), e.getMessage());
        }
    }
}
