package lotus.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches a taker order against one side of the simulated l2Book: best level first, each level's whole size
 * available, never past the limit price. Our fills do not deplete the simulated book (it is regenerated from the
 * price path every half second), and the levels' individual orders are one maker each, so one fill per level.
 */
final class Matcher {

    record Match(BigDecimal px, BigDecimal sz) {
    }

    private Matcher() {
    }

    /** What an order of {@code sz} up to {@code limitPx} takes from the book: asks for a buy, bids for a sell. */
    static List<Match> walk(SimCoin.Book book, boolean isBuy, BigDecimal limitPx, BigDecimal sz) {
        List<Match> matches = new ArrayList<>();
        BigDecimal remaining = sz;
        for (SimCoin.BookLevel level : isBuy ? book.asks() : book.bids()) {
            int vsLimit = level.px().compareTo(limitPx);
            if (remaining.signum() == 0 || (isBuy ? vsLimit > 0 : vsLimit < 0)) {
                break;
            }
            BigDecimal take = remaining.min(level.sz());
            matches.add(new Match(level.px(), take));
            remaining = remaining.subtract(take);
        }
        return matches;
    }

    /** Would a limit order at {@code px} trade at once against the best opposite level? */
    static boolean crosses(SimCoin.Book book, boolean isBuy, BigDecimal px) {
        List<SimCoin.BookLevel> opposite = isBuy ? book.asks() : book.bids();
        if (opposite.isEmpty()) {
            return false;
        }
        int vsBest = px.compareTo(opposite.getFirst().px());
        return isBuy ? vsBest >= 0 : vsBest <= 0;
    }

    static BigDecimal totalSz(List<Match> matches) {
        return matches.stream().map(Match::sz).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Size-weighted average price, rounded half-even to {@value Account#AVG_SCALE} decimals where it does not end. */
    static BigDecimal averagePx(List<Match> matches) {
        BigDecimal notional = matches.stream().map(m -> m.px().multiply(m.sz())).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        return Account.divide(notional, totalSz(matches), Account.AVG_SCALE);
    }
}
