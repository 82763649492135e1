package lotus.solana.rpc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a landed swap actually did to the wallet (SOLANA.md §4.7): spent/received in raw units of their mints;
 * fee = meta.fee; rent = lamports locked in token accounts the tx created.
 */
public record Fill(BigInteger spentRaw, int spentDecimals, BigInteger receivedRaw, int receivedDecimals,
        long feeLamports, long rentLamports) {

    public Fill {
        Objects.requireNonNull(spentRaw, "spentRaw");
        Objects.requireNonNull(receivedRaw, "receivedRaw");
        if (spentDecimals < 0 || receivedDecimals < 0) {
            throw new IllegalArgumentException("decimals must not be negative: " + spentDecimals + ", "
                    + receivedDecimals);
        }
    }

    /** Whole units of the spent mint. */
    public BigDecimal spent() {
        return new BigDecimal(spentRaw, spentDecimals);
    }

    /** Whole units of the received mint. */
    public BigDecimal received() {
        return new BigDecimal(receivedRaw, receivedDecimals);
    }
}
