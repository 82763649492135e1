package lotus.engine;

/** The bar features of STRATEGY.md §1 for the latest closed bar of a window, one set of names for writer and reader. */
public record Features(
        double price,
        double ema20, double ema30, double ema50, double ema60, double ema144, double ema250, double ema333,
        double ema20Slope, double ema60Slope, double ema144Slope, double ema250Slope, double ema333Slope,
        double dEma60Slope, double dEma144Slope, double dEma250Slope, double dEma333Slope,
        double sepFast, double sepMid, double dsepFast5, double dsepMid5,
        double atr, double atrMean20, double atrNorm,
        double rsi, double rsiSlope10,
        double adx, double adxSlope10,
        double voZ) {

    /** Bars a position needs before it may leave dormant ({@code bars_threshold}). */
    public static final int BARS_THRESHOLD = 333;

    private static final int DSEP_LAG = 5;

    public Features {
        // A non-finite value makes the sum non-finite, so the array is only built (once per bar otherwise) when the
        // sum says so; a sum that merely overflows finds nothing.
        double sum = price + ema20 + ema30 + ema50 + ema60 + ema144 + ema250 + ema333 + ema20Slope + ema60Slope
                + ema144Slope + ema250Slope + ema333Slope + dEma60Slope + dEma144Slope + dEma250Slope + dEma333Slope
                + sepFast + sepMid + dsepFast5 + dsepMid5 + atr + atrMean20 + atrNorm + rsi + rsiSlope10 + adx
                + adxSlope10 + voZ;
        if (!Double.isFinite(sum)) {
            double[] all = {price, ema20, ema30, ema50, ema60, ema144, ema250, ema333, ema20Slope, ema60Slope,
                ema144Slope, ema250Slope, ema333Slope, dEma60Slope, dEma144Slope, dEma250Slope, dEma333Slope, sepFast,
                sepMid, dsepFast5, dsepMid5, atr, atrMean20, atrNorm, rsi, rsiSlope10, adx, adxSlope10, voZ};
            for (double v : all) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("non-finite feature in " + java.util.Arrays.toString(all));
                }
            }
        }
    }

    /** Features of the latest bar of {@code series}, which must hold at least one bar. */
    public static Features compute(BarSeries series) {
        if (series.size() == 0) {
            throw new IllegalArgumentException("features need at least one bar");
        }
        double[] close = series.close();
        double[] high = series.high();
        double[] low = series.low();
        int last = close.length - 1;

        double[] e20 = Indicators.ema(close, 20);
        double[] e30 = Indicators.ema(close, 30);
        double[] e50 = Indicators.ema(close, 50);
        double[] e60 = Indicators.ema(close, 60);
        double[] e144 = Indicators.ema(close, 144);
        double[] e250 = Indicators.ema(close, 250);
        double[] e333 = Indicators.ema(close, 333);

        double[] atr = Indicators.atrSeries(high, low, close);
        double[] rsi = Indicators.rsiSeries(close);
        double[] adx = Indicators.adxSeries(high, low, close);

        // Ambiguity: with fewer than 6 bars there is no "5 bars ago", so dsep_*_5 is 0.
        int ago = last - DSEP_LAG;
        double sepFast = ratioMinusOne(e20[last], e60[last]);
        double sepMid = ratioMinusOne(e60[last], e144[last]);
        double dsepFast5 = ago < 0 ? 0 : sepFast - ratioMinusOne(e20[ago], e60[ago]);
        double dsepMid5 = ago < 0 ? 0 : sepMid - ratioMinusOne(e60[ago], e144[ago]);

        return new Features(
                close[last],
                e20[last], e30[last], e50[last], e60[last], e144[last], e250[last], e333[last],
                Indicators.emaSlope(e20), Indicators.emaSlope(e60), Indicators.emaSlope(e144),
                Indicators.emaSlope(e250), Indicators.emaSlope(e333),
                Indicators.dEmaSlope(e60), Indicators.dEmaSlope(e144), Indicators.dEmaSlope(e250),
                Indicators.dEmaSlope(e333),
                sepFast, sepMid, dsepFast5, dsepMid5,
                atr[last], Indicators.atrMean20(atr), e50[last] == 0 ? 0 : atr[last] / e50[last],
                Indicators.rsiAt(close, last), Indicators.rsiSlope10(rsi),
                adx[last], Indicators.adxSlope10(adx),
                Indicators.voZ(series.volume()));
    }

    // Ambiguity: a zero denominator (only possible with zero prices) gives 0 rather than an infinite separation.
    private static double ratioMinusOne(double a, double b) {
        return b == 0 ? 0 : (a - b) / b;
    }
}
