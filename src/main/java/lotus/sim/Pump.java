package lotus.sim;

import java.util.concurrent.TimeUnit;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's heartbeat: every {@code pumpIntervalMs} of real time it advances the market to the simulated now,
 * fires the exchange's due dead man's switches and lets the hub push what changed. Real time paces the loop only; all
 * market time is the injected clock's.
 */
final class Pump implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Pump.class);
    /** One failure log per this many failures, so a broken step cannot flood the log 50 times a second. */
    private static final long LOG_EVERY = 1000;

    private final Clock clock;
    private final SimMarket market;
    private final WsHub hub;
    private final SimExchange exchange;
    private final long intervalNanos;
    private final Thread thread;
    private volatile boolean running = true;
    /** Clock time of the last finished step: the market had printed everything up to it and the hub had sent it. */
    private volatile long steppedToMs = Long.MIN_VALUE;
    private long failures;

    Pump(Clock clock, SimMarket market, WsHub hub, SimExchange exchange, long intervalMs, int port) {
        this.clock = clock;
        this.market = market;
        this.hub = hub;
        this.exchange = exchange;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
        this.thread = new Thread(this, "hl-sim-pump-" + port);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        while (running) {
            long started = System.nanoTime();
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
            long sleepNanos = intervalNanos - (System.nanoTime() - started);
            if (sleepNanos > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(sleepNanos);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    long steppedToMs() {
        return steppedToMs;
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
