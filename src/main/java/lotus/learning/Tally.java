package lotus.learning;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Counts and exact sums over a set of closed trades, from which win rate, mean rr and mean return follow. Sums are
 * decimals so that the order trades arrive in (or a restart between them) cannot change a lesson.
 */
public record Tally(long n, long wins, BigDecimal sumRr, BigDecimal sumReturn) {

    static final Tally EMPTY = new Tally(0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

    public Tally {
        Objects.requireNonNull(sumRr, "sumRr");
        Objects.requireNonNull(sumReturn, "sumReturn");
        if (n < 0 || wins < 0 || wins > n) {
            throw new IllegalArgumentException("a tally needs 0 <= wins <= n, got wins=" + wins + " n=" + n);
        }
    }

    Tally plus(ClosedTrade t) {
        return new Tally(n + 1, wins + (t.win() ? 1 : 0), sumRr.add(t.rr()), sumReturn.add(t.returnFraction()));
    }

    Tally plus(Tally o) {
        return new Tally(n + o.n, wins + o.wins, sumRr.add(o.sumRr), sumReturn.add(o.sumReturn));
    }

    double winRate() {
        return n == 0 ? 0 : (double) wins / n;
    }

    double meanRr() {
        return n == 0 ? 0 : sumRr.doubleValue() / n;
    }

    double meanReturn() {
        return n == 0 ? 0 : sumReturn.doubleValue() / n;
    }
}
