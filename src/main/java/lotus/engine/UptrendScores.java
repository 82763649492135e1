package lotus.engine;

import java.util.List;

/** The score formulas of STRATEGY.md §2 as pure functions of the features, the S/R levels and EDX. */
final class UptrendScores {

    /** TS + S/R boost needed by every buy (S1 buy_signal, S2 and S3 buy_flag). */
    static final double TS_MIN = 0.60;
    /** OX needed for trim_flag. */
    static final double OX_TRIM_MIN = 0.65;
    /** DX needed for the S3 buy_flag before the EDX supplement. */
    static final double DX_BUY_BASE = 0.60;

    static final double S1_HALO_ATR = 1.0;
    static final double S2_HALO_ATR = 0.5;
    static final double TRIM_HALO_ATR = 1.0;
    static final double BOOST_HALO_ATR = 1.0;
    static final double BOOST_MAX = 0.25;

    private static final double RAIL_K20 = 1.5;
    private static final double RAIL_K60 = 2.0;
    private static final double RAIL_K144 = 1.5;
    private static final double RAIL_K250 = 2.0;
    private static final double EXP_FAST_K = 0.0015;
    private static final double EXP_MID_K = 0.0010;
    private static final double FRAGILITY_K = 0.0008;
    private static final double OX_EDX_GAIN = 0.33;

    private static final double DX_COMPRESSION = 0.03;
    private static final double DX_COMPRESSION_K = 0.02;
    private static final double DX_LOCATION_DECAY = 3.0;
    private static final double ATR_RELIEF_CENTRE = 0.9;
    private static final double ATR_RELIEF_K = 0.05;
    private static final double RSI_RELIEF_K = 0.5;
    private static final double ADX_RELIEF_K = 0.3;
    private static final double ADX_FLOOR = 18;

    private static final double EDX_HIGH = 0.7;
    private static final double EDX_MID = 0.5;
    private static final double DX_SUPP_HIGH = 0.15;

    private UptrendScores() {
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    static double clamp01(double x) {
        return clamp(x, 0, 1);
    }

    /** Trend strength: mean(clamp((rsi_slope_10 + 5)/10), clamp((adx_slope_10 + 2)/4)). */
    static double ts(double rsiSlope10, double adxSlope10) {
        return (clamp01((rsiSlope10 + 5) / 10) + clamp01((adxSlope10 + 2) / 4)) / 2;
    }

    /**
     * S/R boost around {@code anchor}: max over levels within 1.0×ATR of strength_norm × (1 − d/(1.0×ATR)) × 0.25,
     * strength_norm = strength / strongest level's strength (fix: the older system used the raw strength).
     */
    static double srBoost(double anchor, double atr, List<SrLevel> levels) {
        double halo = BOOST_HALO_ATR * atr;
        int strongest = 0;
        for (SrLevel l : levels) {
            strongest = Math.max(strongest, l.strength());
        }
        // Ambiguity: with ATR ≤ 0 (flat bars) no level is "within 1.0×ATR" and the boost is 0, as the older system did.
        if (halo <= 0 || strongest == 0) {
            return 0;
        }
        double best = 0;
        for (SrLevel l : levels) {
            double d = Math.abs(l.price() - anchor);
            if (d <= halo) {
                best = Math.max(best, (double) l.strength() / strongest * (1 - d / halo) * BOOST_MAX);
            }
        }
        return Math.min(best, BOOST_MAX);
    }

    /** Distance from {@code price} to the nearest level; NaN with no levels. */
    static double nearestLevelDistance(double price, List<SrLevel> levels) {
        double best = Double.NaN;
        for (SrLevel l : levels) {
            double d = Math.abs(price - l.price());
            if (!(d >= best)) {
                best = d;
            }
        }
        return best;
    }

    /** ATR / atr_mean_20. */
    // Ambiguity: 0 when the mean is 0 (only with flat bars), as the older system read it.
    static double atrRatio(Features f) {
        return f.atrMean20() > 0 ? f.atr() / f.atrMean20() : 0;
    }

    /** OX_base: rails, expansion, ATR surge and fragility with the weights of §2. */
    static double oxBase(Features f) {
        double p = f.price();
        double atr = f.atr();
        double base = 0.35 * rail(p, f.ema20(), atr, RAIL_K20) + 0.20 * rail(p, f.ema60(), atr, RAIL_K60)
                + 0.10 * rail(p, f.ema144(), atr, RAIL_K144) + 0.10 * rail(p, f.ema250(), atr, RAIL_K250);
        return base + 0.10 * sigmoid(f.dsepFast5() / EXP_FAST_K) + 0.05 * sigmoid(f.dsepMid5() / EXP_MID_K)
                + 0.05 * sigmoid(atrRatio(f) - 1) + 0.05 * sigmoid(-f.ema20Slope() / FRAGILITY_K);
    }

    // Ambiguity: with ATR ≤ 0 a rail is 0 rather than σ(±∞), as the older system did.
    private static double rail(double price, double ema, double atr, double k) {
        return atr > 0 ? sigmoid((price - ema) / (atr * k)) : 0;
    }

    /** OX in S2: clamp(OX_base). */
    static double oxS2(Features f) {
        return clamp01(oxBase(f));
    }

    /** OX in S3: clamp(OX_base × (1 + 0.33 × clamp(EDX − 0.5, 0, 0.5))). */
    static double oxS3(Features f, double edx) {
        return clamp01(oxBase(f) * (1 + OX_EDX_GAIN * clamp(edx - 0.5, 0, 0.5)));
    }

    /** Position of the price in the EMA333..EMA144 hallway, 0 at EMA333 (deep discount) to 1 at EMA144. */
    static double hallwayX(double price, double ema144, double ema333) {
        if (ema144 > ema333) {
            return clamp01((price - ema333) / (ema144 - ema333));
        }
        if (ema333 > ema144) {
            return clamp01((price - ema144) / (ema333 - ema144));
        }
        return price <= ema144 ? 1 : 0;
    }

    /** DX (discount) of §2, suppressed by EDX above 0.6. */
    static double dx(Features f, double edx) {
        double p = f.price();
        double x = hallwayX(p, f.ema144(), f.ema333());
        // Ambiguity: comp uses the signed EMA144 − EMA333 as §2 writes it (the older system took its absolute value and
        // 1 % of the price when equal); a price ≤ 0 (impossible for a traded token) gives comp = 0.
        double comp = p > 0 ? sigmoid((DX_COMPRESSION - (f.ema144() - f.ema333()) / p) / DX_COMPRESSION_K) : 0;
        double location = Math.exp(-DX_LOCATION_DECAY * x) * (1 + 0.3 * comp);
        double exhaustion = sigmoid(-f.voZ());
        double atrRelief = sigmoid((atrRatio(f) - ATR_RELIEF_CENTRE) / ATR_RELIEF_K);
        double rsiRelief = sigmoid(f.rsiSlope10() / RSI_RELIEF_K);
        double adxRelief = f.adx() >= ADX_FLOOR ? sigmoid(f.adxSlope10() / ADX_RELIEF_K) : 0;
        double relief = 0.5 * atrRelief + 0.25 * rsiRelief + 0.25 * adxRelief;
        double curl = f.dEma144Slope() > 0 ? 1 : 0;
        double base = 0.45 * location + 0.25 * exhaustion + 0.25 * relief + 0.05 * curl;
        return clamp01(base * (1 - 0.5 * clamp(edx - 0.6, 0, 0.4)));
    }

    /** DX needed for the S3 buy_flag: 0.60 + supp, supp = 0.15 (EDX ≥ 0.7), (EDX − 0.5)×0.5 (0.5 ≤ EDX < 0.7), else 0. */
    // Ambiguity: no price-position adjustment of this threshold, which the older system had and §2 does not.
    static double dxThreshold(double edx) {
        double supp = edx >= EDX_HIGH ? DX_SUPP_HIGH : edx >= EDX_MID ? (edx - EDX_MID) * 0.5 : 0;
        return DX_BUY_BASE + supp;
    }
}
