package lotus.ingest;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import lotus.coingecko.CoinGeckoClient;
import lotus.coingecko.Dominance;
import lotus.coingecko.DominanceResult;
import lotus.market.Bar;
import lotus.market.MinuteRollup;
import lotus.store.RegimeBar;
import lotus.store.RegimeBars;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BTC and USDT dominance as regime drivers (issue 14 item 3): at second 10 of every minute one CoinGecko
 * {@code GET /api/v3/global}, its sample stored as the minute's 1m bar of {@value #BTC} and {@value #USDT} in
 * {@code regime_price_data_ohlc}, and each hour and day that closed rolled up from the stored 1m bars. A minute whose
 * call failed has no bar; it is counted, never thrown.
 */
public final class DominanceCollector implements Service {

    public static final String BTC = "btc.d";
    public static final String USDT = "usdt.d";
    public static final String SOURCE = "coingecko";
    /** Second 10: clear of the Solana collector at second 2, inside the minute the sample stands for. */
    static final long FIRE_OFFSET_MS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(DominanceCollector.class);
    private static final long MINUTE_MS = 60_000;
    private static final List<Timeframe> ROLLED = List.of(Timeframe.H1, Timeframe.D1);

    private final Clock clock;
    private final CoinGeckoClient client;
    private final RegimeBars store;
    private final ClockScheduler scheduler;
    /** Per rolled timeframe, the end of the last period rolled up; a restart rolls the previous one again. */
    private final Map<Timeframe, Long> rolledUntilMs = new EnumMap<>(Timeframe.class);
    private final AtomicReference<Dominance> last = new AtomicReference<>();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong barsWritten = new AtomicLong();

    public DominanceCollector(Clock clock, CoinGeckoClient client, RegimeBars store) {
        this.clock = clock;
        this.client = client;
        this.store = store;
        this.scheduler = new ClockScheduler(clock, Duration.ofSeconds(15));
    }

    @Override
    public void start() {
        scheduler.repeat("dominance-collector", nextFire(clock.nowMs()), at -> {
            runOnce();
            return nextFire(clock.nowMs());
        });
    }

    static long nextFire(long nowMs) {
        long fire = Math.floorDiv(nowMs, MINUTE_MS) * MINUTE_MS + FIRE_OFFSET_MS;
        return fire > nowMs ? fire : fire + MINUTE_MS;
    }

    /**
     * One call now: the minute's 1m bars when it answers, then every hour or day that is complete rolled up.
     *
     * @return whether this minute got its bars
     */
    public synchronized boolean runOnce() throws InterruptedException {
        long minute = Timeframe.M1.floor(clock.nowMs());
        boolean stored = false;
        try {
            switch (client.global()) {
                case DominanceResult.Sampled s -> {
                    minute = Timeframe.M1.floor(s.dominance().receivedAtMs());
                    store(minute, s.dominance());
                    stored = true;
                }
                case DominanceResult.Failed f -> failed.incrementAndGet(); // the client logged it
            }
            // The minute's bar is final once written (one sample a minute), so its hour may close now.
            rollUp(stored ? minute + MINUTE_MS : minute);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            log.warn("dominance collector minute={} failed: {}", minute, e.toString());
        }
        return stored;
    }

    /**
     * Stores samples no call took (oldest first, at most one a minute) as their minutes' 1m bars in one upsert, each
     * opening at the close before it as a sampled bar does, then rolls up every hour and day they complete: for a
     * stand-in history, which CoinGecko's {@code /global} never serves. Call it before the first run, never during one.
     *
     * @return the bars upserted
     */
    public synchronized int storeHistory(List<Dominance> history) {
        if (history.isEmpty()) {
            return 0;
        }
        List<RegimeBar> bars = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        BigDecimal btcClose = null;
        BigDecimal usdtClose = null;
        for (Dominance d : history) {
            long minute = Timeframe.M1.floor(d.receivedAtMs());
            if (minute <= previous) {
                throw new IllegalArgumentException("dominance history not one sample a minute, oldest first, at "
                        + minute);
            }
            boolean follows = minute == previous + MINUTE_MS;
            // Only the first sample's open (or one after a gap) is looked up in the store, as a sampled bar's is.
            RegimeBar btc = follows ? bar(BTC, minute, btcClose, d.btc()) : minuteBar(BTC, minute, d.btc());
            RegimeBar usdt = follows ? bar(USDT, minute, usdtClose, d.usdt()) : minuteBar(USDT, minute, d.usdt());
            bars.add(btc);
            bars.add(usdt);
            btcClose = btc.close();
            usdtClose = usdt.close();
            previous = minute;
        }
        store.upsert(bars);
        int written = bars.size();
        long first = Timeframe.M1.floor(history.getFirst().receivedAtMs());
        long completeUntil = previous + MINUTE_MS;
        for (Timeframe tf : ROLLED) {
            for (long end = tf.floor(first) + tf.durationMs(); end <= completeUntil; end += tf.durationMs()) {
                written += rollUpPeriod(tf, end);
            }
        }
        barsWritten.addAndGet(written);
        return written;
    }

    private void store(long minute, Dominance d) {
        List<RegimeBar> bars = List.of(minuteBar(BTC, minute, d.btc()), minuteBar(USDT, minute, d.usdt()));
        store.upsert(bars);
        barsWritten.addAndGet(bars.size());
        samples.incrementAndGet();
        last.set(d);
    }

    /** Open at the previous minute's close when it is stored (a continuous series), else at the sample. */
    private RegimeBar minuteBar(String driver, long minute, BigDecimal sample) {
        BigDecimal open = store.bars(driver, Timeframe.M1, minute - MINUTE_MS, minute).stream().findFirst()
                .map(RegimeBar::close).orElse(sample);
        return bar(driver, minute, open, sample);
    }

    private static RegimeBar bar(String driver, long minute, BigDecimal open, BigDecimal sample) {
        return new RegimeBar(driver, Timeframe.M1, minute, open, open.max(sample), open.min(sample), sample,
                BigDecimal.ZERO, null, SOURCE);
    }

    /** Rolls each hour and day ending at or before {@code completeUntilMs} that has not been rolled yet. */
    private void rollUp(long completeUntilMs) {
        for (Timeframe tf : ROLLED) {
            long end = tf.floor(completeUntilMs);
            Long done = rolledUntilMs.get(tf);
            if (done != null && done >= end) {
                continue;
            }
            barsWritten.addAndGet(rollUpPeriod(tf, end));
        }
    }

    /** Rolls up the period of {@code tf} ending at {@code end} from the stored 1m bars; the bars upserted. */
    private int rollUpPeriod(Timeframe tf, long end) {
        long start = end - tf.durationMs();
        List<RegimeBar> up = new ArrayList<>();
        for (String driver : List.of(BTC, USDT)) {
            List<Bar> minutes = store.bars(driver, Timeframe.M1, start, end).stream().map(RegimeBar::bar)
                    .toList();
            MinuteRollup.rollUp(minutes, tf).forEach(b -> up.add(RegimeBar.of(b, null, SOURCE)));
        }
        store.upsert(up);
        rolledUntilMs.merge(tf, end, Math::max);
        return up.size();
    }

    /** {@code dominance samples=… failed=… last btc.d=… usdt.d=…}. */
    public String statusLine() {
        Dominance d = last.get();
        return "dominance samples=" + samples.get() + " failed=" + failed.get() + " last btc.d="
                + (d == null ? "-" : d.btc().toPlainString()) + " usdt.d="
                + (d == null ? "-" : d.usdt().toPlainString());
    }

    public long samples() {
        return samples.get();
    }

    public long failed() {
        return failed.get();
    }

    /** The 1m bars and the 1h and 1d roll-ups upserted so far. */
    public long barsWritten() {
        return barsWritten.get();
    }

    @Override
    public void close() {
        scheduler.close();
        client.close();
    }

    /** The CoinGecko call budget this collector spends, for the process's meters. */
    public lotus.time.RateBudget budget() {
        return client.budget();
    }

}
