package lotus.sim;

import java.util.SplittableRandom;

/**
 * The latent price of one coin: a random walk in log price whose drift and volatility switch between regimes lasting
 * hours of simulated time (steady uptrend, chop, crash, recovery), so a trend engine fed from the simulator meets
 * every state. Trades, book and history all sample this one path. A weak pull towards the starting level picks the
 * next regime, so a demo running for simulated weeks neither explodes nor decays to zero.
 */
final class PricePath {

    enum Regime {
        UPTREND(0.005, 0.8, 4, 16),
        CHOP(0.0, 1.0, 2, 10),
        CRASH(-0.025, 2.0, 1, 4),
        RECOVERY(0.010, 1.2, 2, 8);

        final double driftPerHour;
        final double volMultiplier;
        final int minHours;
        final int maxHours;

        Regime(double driftPerHour, double volMultiplier, int minHours, int maxHours) {
            this.driftPerHour = driftPerHour;
            this.volMultiplier = volMultiplier;
            this.minHours = minHours;
            this.maxHours = maxHours;
        }
    }

    private static final double HOUR_MS = 3_600_000.0;
    /** Beyond this log distance from the start level the next regime leans back towards it (factor 2 either way). */
    private static final double PULL_BACK_LOG = Math.log(2);
    /** Hard walls (factor 20) in case a long crash series outruns the pull-back. */
    private static final double WALL_LOG = Math.log(20);

    private final SplittableRandom random;
    private final double anchorLog;
    private final double volPerSqrtHour;
    private double logPrice;
    private long timeMs;
    private Regime regime;
    private long regimeEndMs;

    PricePath(double startPrice, double volPerSqrtHour, long startMs, SplittableRandom random) {
        if (!(startPrice > 0) || !(volPerSqrtHour >= 0)) {
            throw new IllegalArgumentException("bad price path: start=" + startPrice + " vol=" + volPerSqrtHour);
        }
        this.random = random;
        this.anchorLog = Math.log(startPrice);
        this.volPerSqrtHour = volPerSqrtHour;
        this.logPrice = anchorLog;
        this.timeMs = startMs;
        Regime[] all = Regime.values();
        startRegime(all[random.nextInt(all.length)]);
    }

    /** Walks the path to {@code toMs} (no-op for earlier times) and returns the price there. */
    double advanceTo(long toMs) {
        while (timeMs < toMs) {
            long segmentEnd = Math.min(toMs, regimeEndMs);
            double hours = (segmentEnd - timeMs) / HOUR_MS;
            double vol = volPerSqrtHour * regime.volMultiplier;
            logPrice += regime.driftPerHour * hours + vol * Math.sqrt(hours) * random.nextGaussian();
            logPrice = Math.max(anchorLog - WALL_LOG, Math.min(anchorLog + WALL_LOG, logPrice));
            timeMs = segmentEnd;
            if (timeMs >= regimeEndMs) {
                startRegime(next());
            }
        }
        return price();
    }

    double price() {
        return Math.exp(logPrice);
    }

    long timeMs() {
        return timeMs;
    }

    Regime regime() {
        return regime;
    }

    private void startRegime(Regime next) {
        regime = next;
        long hours = random.nextLong(next.minHours, next.maxHours + 1L);
        regimeEndMs = timeMs + hours * (long) HOUR_MS - random.nextLong(0, (long) HOUR_MS / 2);
    }

    private Regime next() {
        double distance = logPrice - anchorLog;
        if (distance > PULL_BACK_LOG) {
            return random.nextInt(3) == 0 ? Regime.CHOP : Regime.CRASH;
        }
        if (distance < -PULL_BACK_LOG) {
            return random.nextInt(3) == 0 ? Regime.CHOP : Regime.RECOVERY;
        }
        double roll = random.nextDouble();
        return switch (regime) {
            case UPTREND -> roll < 0.5 ? Regime.CHOP : roll < 0.8 ? Regime.CRASH : Regime.UPTREND;
            case CHOP -> roll < 0.4 ? Regime.UPTREND : roll < 0.7 ? Regime.CRASH : Regime.CHOP;
            case CRASH -> roll < 0.65 ? Regime.RECOVERY : Regime.CHOP;
            case RECOVERY -> roll < 0.6 ? Regime.UPTREND : roll < 0.9 ? Regime.CHOP : Regime.CRASH;
        };
    }
}
