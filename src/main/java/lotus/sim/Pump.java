package lotus.sim;

import java.time.Duration;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's heartbeat: every {@code pumpIntervalMs} of real time it advances the market to the simulated now,
 * fires the exchange's due dead man's switches and lets the hub push what changed. Real time paces the loop only (its
 * thread runs on the system clock); all market time is the injected clock's.
 */
final class Pump implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(Pump.class);
    /** One failure log per this many failures, so a broken step cannot flood the log 50 times a second. */
    private static final long LOG_EVERY = 1000;

    private final Clock clock;
    private final SimMarket market;
    private final WsHub hub;
    private final SimExchange exchange;
    private final long intervalMs;
    private final String name;
    private final ClockScheduler threads = new ClockScheduler(Clock.system(), Duration.ofSeconds(5));
    /** Clock time of the last finished step: the market had printed everything up to it and the hub had sent it. */
    private volatile long steppedToMs = Long.MIN_VALUE;
    private long failures;

    Pump(Clock clock, SimMarket market, WsHub hub, SimExchange exchange, long intervalMs, int port) {
        this.clock = clock;
        this.market = market;
        this.hub = hub;
        this.exchange = exchange;
        this.intervalMs = intervalMs;
        this.name = "hl-sim-pump-" + port;
    }

    @Override
    public void start() {
        threads.every(name, intervalMs, this::step);
    }

    private void step() {
        try {
            long now = clock.nowMs();
            market.advanceTo(now);
            exchange.onClock(now);
            hub.step(now);
            steppedToMs = now;
        } catch (RuntimeException e) {
            if (failures++ % LOG_EVERY == 0) {
                LOG.error("simulator pump step failed ({} failures so far)", failures, e);
            }
        }
    }

    long steppedToMs() {
        return steppedToMs;
    }

    @Override
    public void close() {
        threads.close();
    }
}
