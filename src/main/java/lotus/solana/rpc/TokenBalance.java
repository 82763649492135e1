package lotus.solana.rpc;

import java.math.BigInteger;
import java.util.Objects;

/**
 * One entry of a transaction's {@code preTokenBalances} or {@code postTokenBalances}.
 *
 * @param owner     the token account's owner (null when the node omits it)
 * @param programId Token or Token-2022 (null when the node omits it)
 * @param amount    raw units ({@code uiTokenAmount.amount})
 */
public record TokenBalance(int accountIndex, String mint, String owner, String programId, BigInteger amount,
        int decimals) {

    public TokenBalance {
        Objects.requireNonNull(mint, "mint");
        Objects.requireNonNull(amount, "amount");
        if (accountIndex < 0 || decimals < 0) {
            throw new IllegalArgumentException("accountIndex " + accountIndex + " and decimals " + decimals
                    + " must not be negative");
        }
    }
}
