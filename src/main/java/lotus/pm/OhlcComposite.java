package lotus.pm;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * Composite bars for regime drivers (STRATEGY.md §3): mean open and close, max high, min low, summed volume, on the
 * open times every component has.
 */
public final class OhlcComposite {

    /** The ALT driver's components. */
    public static final List<String> ALT_COINS = List.of("SOL", "ETH", "BNB", "HYPE");

    /** HYPE came late to most data sources, so ALT is built from any three of the four (as the older system did). */
    public static final int MIN_ALT_COINS = 3;

    public static final String ALT = "ALT";

    private static final MathContext MC = new MathContext(34);

    private OhlcComposite() {
    }

    /**
     * ALT composite bars, token contract {@code ALT}. A coin missing from the map or with no bars is left out and the
     * others are averaged; with fewer than {@link #MIN_ALT_COINS} coins present there are no bars. A present coin
     * that lacks a bar time removes that time from the composite, so a coin with a short history shortens it.
     */
    public static List<Bar> alt(Map<String, List<Bar>> barsByCoin, String chain) {
        for (String coin : barsByCoin.keySet()) {
            if (!ALT_COINS.contains(coin)) {
                throw new IllegalArgumentException("not an ALT component: " + coin + "; expected " + ALT_COINS);
            }
        }
        // Ambiguity: a coin without bars is left out (HYPE is young) rather than voiding ALT; at least 3 must remain.
        List<List<Bar>> present = new ArrayList<>();
        for (String coin : ALT_COINS) {
            List<Bar> bars = barsByCoin.getOrDefault(coin, List.of());
            if (!bars.isEmpty()) {
                present.add(bars);
            }
        }
        return present.size() < MIN_ALT_COINS ? List.of() : composite(ALT, chain, present);
    }

    /**
     * Composite of {@code components} (each a list of bars of one instrument, one timeframe for all), oldest first,
     * only at open times that every component has; empty with no components.
     */
    public static List<Bar> composite(String tokenContract, String chain, List<List<Bar>> components) {
        if (components.isEmpty()) {
            return List.of();
        }
        Timeframe timeframe = null;
        List<NavigableMap<Long, Bar>> indexed = new ArrayList<>();
        for (List<Bar> bars : components) {
            NavigableMap<Long, Bar> byTime = new TreeMap<>();
            for (Bar bar : bars) {
                if (timeframe == null) {
                    timeframe = bar.timeframe();
                } else if (bar.timeframe() != timeframe) {
                    throw new IllegalArgumentException("composite mixes timeframes " + timeframe + " and "
                            + bar.timeframe());
                }
                if (byTime.put(bar.openTimeMs(), bar) != null) {
                    throw new IllegalArgumentException("two bars of " + bar.tokenContract() + " at "
                            + bar.openTimeMs());
                }
            }
            indexed.add(byTime);
        }
        if (timeframe == null) {
            return List.of();
        }
        Set<Long> times = new TreeSet<>(indexed.get(0).keySet());
        for (NavigableMap<Long, Bar> byTime : indexed) {
            times.retainAll(byTime.keySet());
        }
        BigDecimal n = BigDecimal.valueOf(indexed.size());
        List<Bar> out = new ArrayList<>(times.size());
        for (long t : times) {
            BigDecimal open = BigDecimal.ZERO;
            BigDecimal close = BigDecimal.ZERO;
            BigDecimal high = null;
            BigDecimal low = null;
            BigDecimal volume = BigDecimal.ZERO;
            int trades = 0;
            for (NavigableMap<Long, Bar> byTime : indexed) {
                Bar b = byTime.get(t);
                open = open.add(b.open(), MC);
                close = close.add(b.close(), MC);
                high = high == null ? b.high() : high.max(b.high());
                low = low == null ? b.low() : low.min(b.low());
                volume = volume.add(b.volume(), MC);
                trades += b.tradeCount();
            }
            out.add(new Bar(tokenContract, chain, timeframe, t, open.divide(n, MC), high, low, close.divide(n, MC),
                    volume, trades));
        }
        return List.copyOf(out);
    }
}
