package lotus.pm;

/**
 * The regime drivers of STRATEGY.md §3 and their weights. Dominance drivers weigh negatively: an uptrend in BTC or
 * USDT dominance means money is leaving alts.
 */
public enum RegimeDriver {
    BTC(1.0),
    /** Composite of SOL, ETH, BNB, HYPE ({@link OhlcComposite#alt}). */
    ALT(1.5),
    /** The token's market-cap bucket composite, chosen by the caller. */
    BUCKET(3.0),
    BTC_D(-1.0),
    USDT_D(-3.0);

    private final double weight;

    RegimeDriver(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }
}
