package lotus.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import lotus.hyperliquid.common.HlCandle;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.store.PriceTable;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trading tokens past the WebSocket budget, polled over {@code candleSnapshot} in tiers like the seed's collector:
 * tier k (tokens (k−1)·tierSize … k·tierSize−1, in priority order) every k periods. Each poll fetches only the
 * timeframes the token's positions use, from its last stored open bar on; the first poll backfills. Requests wait
 * for the shared weight budget, so when the budget binds the tiers slow down rather than overspend.
 */
final class RestPoller implements Service {

    private static final Logger log = LoggerFactory.getLogger(RestPoller.class);

    record Token(String apiCoin, String tokenContract, Set<Timeframe> timeframes) {
    }

    private final HlInfoClient info;
    private final BarWriter writer;
    private final Clock clock;
    private final int tierSize;
    private final long tierPeriodMs;
    private final int backfillBars;
    private List<Token> tokens = List.of();
    /** apiCoin:tf → open time of the newest candle fetched (refetched next time: it may have been open). */
    private final Map<String, Long> lastOpen = new HashMap<>();
    private final Map<String, Long> lastPollMs = new HashMap<>();
    private final ClockScheduler threads;
    private volatile boolean closing;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong bars = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    RestPoller(HlInfoClient info, BarWriter writer, Clock clock, int tierSize, long tierPeriodMs, int backfillBars) {
        this.info = info;
        this.writer = writer;
        this.clock = clock;
        this.tierSize = tierSize;
        this.tierPeriodMs = tierPeriodMs;
        this.backfillBars = backfillBars;
        this.threads = new ClockScheduler(clock, Duration.ofSeconds(5));
    }

    @Override
    public void start() {
        threads.loop("rest-poller", this::run);
    }

    /** The tokens to poll, highest priority first. */
    synchronized void setTokens(List<Token> ordered) {
        tokens = List.copyOf(ordered);
    }

    synchronized int size() {
        return tokens.size();
    }

    long polls() {
        return polls.get();
    }

    long barsFetched() {
        return bars.get();
    }

    private void run() {
        while (!closing) {
            List<Token> snapshot;
            synchronized (this) {
                snapshot = tokens;
            }
            boolean polled = false;
            for (int i = 0; i < snapshot.size() && !closing; i++) {
                Token t = snapshot.get(i);
                long period = (long) (i / tierSize + 1) * tierPeriodMs;
                long now = clock.nowMs();
                Long last = lastPollMs.get(t.apiCoin());
                if (last != null && now - last < period) {
                    continue;
                }
                lastPollMs.put(t.apiCoin(), now);
                try {
                    poll(t, now);
                    polled = true;
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                    log.warn("rest poller: {} failed: {}", t.apiCoin(), e.getMessage());
                }
            }
            if (!polled) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void poll(Token t, long now) {
        for (Timeframe tf : t.timeframes()) {
            String key = t.apiCoin() + ":" + tf.label();
            long from = lastOpen.getOrDefault(key, tf.floor(now) - (long) backfillBars * tf.durationMs());
            List<HlCandle> candles = info.candles(t.apiCoin(), tf, from, now);
            for (HlCandle c : candles) {
                writer.submit(PriceTable.HYPERLIQUID, c.toBar(t.tokenContract(), "hyperliquid"));
                lastOpen.merge(key, c.openTimeMs(), Math::max);
            }
            bars.addAndGet(candles.size());
        }
        polls.incrementAndGet();
    }

    @Override
    public void close() {
        closing = true;
        threads.close();
    }

    static List<Token> ordered(List<String> apiCoins, Map<String, Token> byCoin) {
        List<Token> out = new ArrayList<>();
        for (String c : apiCoins) {
            Token t = byCoin.get(c);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }
}
