package lotus.sim;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * Stored bars checked against the simulator's own candles, which are what the wire carried: the majors' and the
 * traded tokens' bars of one timeframe, and the majors' closed 1h and 1d bars the regime drivers read.
 */
public final class BarCheck {

    /** The stored bars of one token: a major's (their own table) or a traded token's. */
    public interface StoredBars {
        List<Bar> bars(String token, boolean major, Timeframe tf, long fromMs, long toMs);
    }

    private final SimMarket market;
    private final StoredBars stored;
    private final Timeframe tf;
    private final long historyFromMs;
    /** Stored name → simulator coin. */
    private final Map<String, String> majors = new TreeMap<>();
    private final Map<String, String> traded = new TreeMap<>();

    /** @param historyFromMs where the stored history starts: no regime bar before it is asked for */
    public BarCheck(SimMarket market, StoredBars stored, List<String> majors, List<String> traded, Timeframe tf,
            long historyFromMs) {
        this.market = market;
        this.stored = stored;
        this.tf = tf;
        this.historyFromMs = historyFromMs;
        Map<String, String> apiCoin = new HashMap<>();
        for (SimAsset a : market.assets()) {
            apiCoin.put(a.name(), a.apiCoin());
        }
        majors.forEach(m -> this.majors.put(m, apiCoin.get(m)));
        traded.forEach(t -> this.traded.put(t, apiCoin.get(t)));
    }

    /**
     * The first bar opening in {@code [fromMs, closeMs)}, or regime bar, not stored as the simulator printed it, said
     * in a sentence; null when there is none.
     */
    public String firstMismatch(long fromMs, long closeMs) {
        String miss = firstSeriesMismatch(fromMs, closeMs);
        return miss != null ? miss : firstRegimeMismatch(fromMs, closeMs);
    }

    private String firstSeriesMismatch(long fromMs, long closeMs) {
        for (Map.Entry<String, String> e : majors.entrySet()) {
            String miss = compare(e.getKey(), stored.bars(e.getKey(), true, tf, fromMs, closeMs),
                    market.candles(e.getValue(), tf, fromMs, closeMs));
            if (miss != null) {
                return miss;
            }
        }
        for (Map.Entry<String, String> e : traded.entrySet()) {
            String miss = compare(e.getKey(), stored.bars(e.getKey(), false, tf, fromMs, closeMs),
                    market.candles(e.getValue(), tf, fromMs, closeMs));
            if (miss != null) {
                return miss;
            }
        }
        return null;
    }

    /**
     * The majors' closed 1h and 1d bars the regime drivers read (all of them at the first tick, the last two
     * after): each must be stored as the simulator printed it. One the stream could not vouch for (a reconnect
     * inside it) is stored only by its repair, 10 s after its close; until then this check fails and says so.
     */
    private String firstRegimeMismatch(long fromMs, long closeMs) {
        for (Timeframe regime : List.of(Timeframe.H1, Timeframe.D1)) {
            long to = regime.floor(closeMs);
            long from = Math.max(regime.floor(historyFromMs),
                    Math.min(regime.floor(fromMs), to - 2 * regime.durationMs()));
            for (Map.Entry<String, String> e : majors.entrySet()) {
                String miss = compare(e.getKey() + " " + regime.label(),
                        stored.bars(e.getKey(), true, regime, from, to), market.candles(e.getValue(), regime, from, to));
                if (miss != null) {
                    return miss;
                }
            }
        }
        return null;
    }

    private static String compare(String token, List<Bar> stored, List<Bar> truth) {
        Map<Long, Bar> byOpen = new HashMap<>();
        for (Bar b : stored) {
            byOpen.put(b.openTimeMs(), b);
        }
        for (Bar t : truth) {
            Bar b = byOpen.get(t.openTimeMs());
            if (b == null || !b.samePrices(t)) {
                return "bar " + token + " " + Instant.ofEpochMilli(t.openTimeMs()) + " is "
                        + (b == null ? "missing" : "stored as " + b + ", simulator printed " + t);
            }
        }
        return null;
    }
}
