package lotus.pm;

import java.math.BigDecimal;
import java.util.List;
import lotus.engine.EngineOutput;
import lotus.engine.EngineState;
import lotus.engine.Features;
import lotus.engine.SrLevel;
import lotus.time.Timeframe;

/** Engine outputs, positions and fills built directly, with only the numbers a test cares about. */
final class Fixtures {

    /** 2026-01-01T00:00Z: on every timeframe's boundary. */
    static final long T0 = 1_767_225_600_000L;
    static final long HOUR = Timeframe.H1.durationMs();

    static final EngineOutput.Flags NONE = EngineOutput.Flags.NONE;
    static final EngineOutput.Flags BUY_SIGNAL = new EngineOutput.Flags(true, false, false, false, false, false);
    static final EngineOutput.Flags BUY_FLAG = new EngineOutput.Flags(false, true, false, false, false, false);
    static final EngineOutput.Flags TRIM_FLAG = new EngineOutput.Flags(false, false, true, false, false, false);
    static final EngineOutput.Flags BUY_AND_TRIM = new EngineOutput.Flags(false, true, true, false, false, false);
    static final EngineOutput.Flags EMERGENCY = new EngineOutput.Flags(false, false, false, true, false, false);
    static final EngineOutput.Flags EXIT = new EngineOutput.Flags(false, false, false, false, true, false);
    static final EngineOutput.Flags RECLAIMED = new EngineOutput.Flags(false, false, false, false, false, true);

    private Fixtures() {
    }

    /** Features where only price and ATR matter; the EMAs sit on the price. */
    static Features features(double price, double atr) {
        return new Features(price, price, price, price, price, price, price, price,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                atr, atr, atr / price, 50, 0, 20, 0, 0);
    }

    static EngineOutput engine(long barMs, EngineState state, EngineState prev, EngineOutput.Flags flags,
            double price, double atr, List<SrLevel> levels, Long s3StartMs) {
        return new EngineOutput(barMs, 1000, state, prev, features(price, atr), flags, EngineOutput.Scores.NONE,
                levels, s3StartMs, flags.exitPosition() ? "all_emas_below_333" : null, List.of());
    }

    /** A regime driver's output: only state, previous state and flags matter to A/E. */
    static EngineOutput driver(EngineState state, EngineState prev, EngineOutput.Flags flags) {
        return engine(T0, state, prev, flags, 100, 1, List.of(), state == EngineState.S3 ? T0 : null);
    }

    static EngineOutput dormant() {
        return new EngineOutput(T0, 10, null, null, null, NONE, EngineOutput.Scores.NONE, List.of(), null, null,
                List.of());
    }

    static Position position(String quantity, String allocatedUsd, String extractedUsd, String tradeId) {
        return position(PositionStatus.ACTIVE, quantity, allocatedUsd, extractedUsd, "0", "0", null, tradeId);
    }

    static Position position(PositionStatus status, String quantity, String allocatedUsd, String extractedUsd,
            String tokensBought, String tokensSold, String avgEntry, String tradeId) {
        return Position.watching(7, "ETH", "hyperliquid", "ETH", Timeframe.H1, "spot", new BigDecimal("15"),
                BigDecimal.ZERO, T0).withHoldings(status, new BigDecimal(quantity), new BigDecimal(allocatedUsd),
                        new BigDecimal(extractedUsd), new BigDecimal(tokensBought), new BigDecimal(tokensSold),
                        avgEntry == null ? null : new BigDecimal(avgEntry), tradeId).stored(3, T0);
    }

    static ExecutionResult filled(DecisionType type, String size, String avgPrice) {
        BigDecimal s = new BigDecimal(size);
        BigDecimal px = new BigDecimal(avgPrice);
        return new ExecutionResult(ExecutionResult.Status.FILLED, type, type.isBuy(), s, px, s.multiply(px),
                new BigDecimal("0.5"), "0xc1", true, null, null);
    }

    static ExecutionResult partial(DecisionType type, String size, String avgPrice) {
        BigDecimal s = new BigDecimal(size);
        BigDecimal px = new BigDecimal(avgPrice);
        return new ExecutionResult(ExecutionResult.Status.PARTIALLY_FILLED, type, type.isBuy(), s, px,
                s.multiply(px), BigDecimal.ZERO, "0xc2", true, null, null);
    }

    static BigDecimal usd(String v) {
        return new BigDecimal(v);
    }
}
