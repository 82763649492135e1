package lotus.ingest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import lotus.store.LowcapBar;
import lotus.store.LowcapPoint;
import lotus.time.Timeframe;

/**
 * DexScreener points → 1m bars → 5m 15m 1h 4h 1d bars (SOLANA.md §2.7). Pure.
 *
 * <p>Not {@code BarRollup}: that one rolls trades (open = first trade, volume = Σ sizes, every size positive) and knows
 * nothing of native prices, market figures or coverage. Here a 1m bar opens at the previous minute's close, volume
 * comes from DexScreener's windows, and a higher bar records how many of its minutes had a price.
 */
final class LowcapBars {

    static final List<Timeframe> ROLLED = List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4,
            Timeframe.D1);
    static final String ONE_MINUTE_SOURCE = "1m_conversion";
    static final String ROLLUP_SOURCE = "rollup";
    static final String PARTIAL_SOURCE = "partial";

    /** The rollup's partial thresholds by tier interval k = 1, 2, 3, 4, ≥5 (SOLANA.md §2.6). */
    static final List<BigDecimal> DEFAULT_THRESHOLDS = List.of(new BigDecimal("0.50"), new BigDecimal("0.40"),
            new BigDecimal("0.33"), new BigDecimal("0.25"), new BigDecimal("0.20"));

    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal FIVE = BigDecimal.valueOf(5);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private LowcapBars() {
    }

    /** The fraction of a period's minutes a bar needs to be whole when tokens are collected every {@code k}. */
    static BigDecimal threshold(List<BigDecimal> thresholds, int interval) {
        return thresholds.get(Math.min(Math.max(interval, 1), thresholds.size()) - 1);
    }

    /**
     * The 1m bar of the minute the points fall in.
     *
     * @param points   one token's points of one minute, oldest first, at least one
     * @param previous the token's 1m bar of the minute before; null when it has none
     */
    static LowcapBar oneMinute(List<LowcapPoint> points, LowcapBar previous) {
        LowcapPoint first = points.getFirst();
        LowcapPoint last = points.getLast();
        BigDecimal open = previous != null ? previous.closeUsd() : first.priceUsd();
        BigDecimal high = open;
        BigDecimal low = open;
        BigDecimal volume = BigDecimal.ZERO;
        List<BigDecimal> natives = points.stream().map(LowcapPoint::priceNative)
                .filter(n -> n != null && n.signum() > 0).toList();
        for (LowcapPoint p : points) {
            high = high.max(p.priceUsd());
            low = low.min(p.priceUsd());
            volume = volume.add(p.volume1m() != null ? p.volume1m()
                    : p.volume5m() != null ? p.volume5m().divide(FIVE, MC) : BigDecimal.ZERO);
        }
        BigDecimal[] nat = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        if (!natives.isEmpty()) {
            BigDecimal nOpen = previous != null && previous.closeNative().signum() > 0 ? previous.closeNative()
                    : natives.getFirst();
            nat = new BigDecimal[] {nOpen, natives.stream().reduce(nOpen, BigDecimal::max),
                    natives.stream().reduce(nOpen, BigDecimal::min), natives.getLast()};
        }
        return new LowcapBar(first.tokenContract(), first.chain(), Timeframe.M1,
                Timeframe.M1.floor(first.timestampMs()), open, high, low, last.priceUsd(), nat[0], nat[1], nat[2],
                nat[3], volume, last.liquidityUsd(), last.fdv(), last.marketCap(), last.dexId(), last.pairAddress(),
                1, 1, HUNDRED, false, ONE_MINUTE_SOURCE);
    }

    /**
     * The bar of {@code timeframe} opening at {@code openMs} from one token's 1m bars in that period.
     *
     * @param minutes   the token's 1m bars in the period, oldest first, at least one
     * @param latest    the token's latest point in the period (its volume windows); null when unknown
     * @param threshold the fraction of the period's minutes below which the bar is partial
     */
    static LowcapBar rollUp(Timeframe timeframe, long openMs, List<LowcapBar> minutes, LowcapPoint latest,
            BigDecimal threshold) {
        LowcapBar first = minutes.getFirst();
        LowcapBar last = minutes.getLast();
        BigDecimal high = first.highUsd();
        BigDecimal low = first.lowUsd();
        BigDecimal sumVolume = BigDecimal.ZERO;
        for (LowcapBar m : minutes) {
            high = high.max(m.highUsd());
            low = low.min(m.lowUsd());
            sumVolume = sumVolume.add(m.volume());
        }
        List<LowcapBar> known = minutes.stream().filter(m -> m.openNative().signum() > 0).toList();
        BigDecimal[] nat = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        if (!known.isEmpty()) {
            nat = new BigDecimal[] {known.getFirst().openNative(),
                    known.stream().map(LowcapBar::highNative).reduce(BigDecimal::max).orElseThrow(),
                    known.stream().map(LowcapBar::lowNative).reduce(BigDecimal::min).orElseThrow(),
                    known.getLast().closeNative()};
        }
        int expected = (int) (timeframe.durationMs() / Timeframe.M1.durationMs());
        int used = minutes.size();
        boolean partial = BigDecimal.valueOf(used).compareTo(threshold.multiply(BigDecimal.valueOf(expected))) < 0;
        BigDecimal coverage = BigDecimal.valueOf(used).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(expected), 2, RoundingMode.HALF_EVEN);
        return new LowcapBar(first.tokenContract(), first.chain(), timeframe, openMs, first.openUsd(), high, low,
                last.closeUsd(), nat[0], nat[1], nat[2], nat[3], volume(timeframe, latest, sumVolume),
                last.liquidityUsd(), last.fdv(), last.marketCap(), last.dexId(), last.pairAddress(), used, expected,
                coverage, partial, partial ? PARTIAL_SOURCE : ROLLUP_SOURCE);
    }

    /** DexScreener's own window for the period when it has one, else the sum of the minutes (SOLANA.md §2.7). */
    private static BigDecimal volume(Timeframe timeframe, LowcapPoint latest, BigDecimal sumOfMinutes) {
        BigDecimal window = latest == null ? null : switch (timeframe) {
            case M5 -> latest.volume5m();
            case H1 -> latest.volume1h();
            case H4 -> latest.volume6h() == null ? null
                    : latest.volume6h().multiply(BigDecimal.valueOf(4)).divide(BigDecimal.valueOf(6), MC);
            case D1 -> latest.volume24h();
            default -> null;
        };
        return window == null || window.signum() <= 0 ? sumOfMinutes : window;
    }

    /** Why a bar must not be written, or empty when it may (SOLANA.md §2.7). */
    static Optional<String> defect(LowcapBar b) {
        for (BigDecimal p : List.of(b.openUsd(), b.highUsd(), b.lowUsd(), b.closeUsd())) {
            if (p.signum() <= 0) {
                return Optional.of("non-positive USD price " + p.toPlainString());
            }
        }
        if (b.highUsd().compareTo(b.openUsd().max(b.closeUsd())) < 0
                || b.lowUsd().compareTo(b.openUsd().min(b.closeUsd())) > 0) {
            return Optional.of("inconsistent o=" + b.openUsd().toPlainString() + " h=" + b.highUsd().toPlainString()
                    + " l=" + b.lowUsd().toPlainString() + " c=" + b.closeUsd().toPlainString());
        }
        return Optional.empty();
    }
}
