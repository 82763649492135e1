package lotus.pm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import lotus.time.Timeframe;

/**
 * What every position of one tick shares: the timeframe, the bar that just closed, and the regime's A/E, computed
 * once per tick (STRATEGY.md §3) and per market-cap bucket.
 *
 * @param barCloseMs the close of the bar this tick is for; the tick sees only bars opening before it
 * @param nowMs      when the tick runs (bar close plus the settle delay, or later)
 * @param tokens     the positions of each token of this tick's positions, every timeframe, as read at its start
 */
public record TickContext(Timeframe timeframe, long barCloseMs, long nowMs, RegimeAe regimeAe,
        Map<PositionLedger.TokenKey, List<Position>> tokens) {

    public TickContext {
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(regimeAe, "regimeAe");
        tokens = Map.copyOf(tokens);
    }

    /** Every position of {@code p}'s token in its book, by id, as read at the tick's start; null if not read. */
    public List<Position> positionsOfToken(Position p) {
        return tokens.get(PositionLedger.TokenKey.of(p));
    }

    /** The position's A/E: with its market-cap bucket's driver when it has one. */
    public Ae ae(Position p) {
        return regimeAe.of(p);
    }
}
