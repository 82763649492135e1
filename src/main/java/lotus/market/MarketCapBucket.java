package lotus.market;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The market-cap buckets of the bucket regime drivers (STRATEGY.md §3, issue 14): nano &lt; 10M, small 10M–50M,
 * mid 50M–200M, big &gt; 200M USD.
 *
 * <p>Boundary rule: each bucket's lower bound is inclusive and its upper bound exclusive, so exactly 10,000,000 is
 * SMALL, exactly 50,000,000 is MID and exactly 200,000,000 is BIG. A cap that is null, zero or negative is no cap
 * at all: the token is in no bucket.
 */
public enum MarketCapBucket {
    NANO("bucket.nano", BigDecimal.ZERO),
    SMALL("bucket.small", new BigDecimal("10000000")),
    MID("bucket.mid", new BigDecimal("50000000")),
    BIG("bucket.big", new BigDecimal("200000000"));

    private final String driver;
    private final BigDecimal lowerBoundUsd;

    MarketCapBucket(String driver, BigDecimal lowerBoundUsd) {
        this.driver = driver;
        this.lowerBoundUsd = lowerBoundUsd;
    }

    /** The driver name, used as the index bars' token contract: {@code bucket.small}. */
    public String driver() {
        return driver;
    }

    /** The smallest cap in this bucket (inclusive); NANO's is 0, exclusive, since a cap must be positive. */
    public BigDecimal lowerBoundUsd() {
        return lowerBoundUsd;
    }

    /** The bucket of a market cap in USD; empty for a null, zero or negative cap. */
    public static Optional<MarketCapBucket> of(BigDecimal capUsd) {
        if (capUsd == null || capUsd.signum() <= 0) {
            return Optional.empty();
        }
        MarketCapBucket[] all = values();
        for (int i = all.length - 1; i > 0; i--) {
            if (capUsd.compareTo(all[i].lowerBoundUsd) >= 0) {
                return Optional.of(all[i]);
            }
        }
        return Optional.of(NANO);
    }
}
