package lotus.engine;

/** One support/resistance level of STRATEGY.md §1 "S/R levels": a price and how many things put it there. */
public record SrLevel(double price, int strength) {

    public SrLevel {
        if (!Double.isFinite(price)) {
            throw new IllegalArgumentException("level price must be finite: " + price);
        }
        if (strength < 0) {
            throw new IllegalArgumentException("level strength must not be negative: " + strength);
        }
    }
}
