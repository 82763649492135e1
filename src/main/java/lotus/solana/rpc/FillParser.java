package lotus.solana.rpc;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lotus.solana.common.Mints;

/**
 * The actual fill of a landed swap from its meta (SOLANA.md §4.7), never from the quote. §4.7, pure.
 *
 * <p>A token leg is Σ post − Σ pre over the entries of the wallet's accounts of that mint, matched by owner and mint
 * (account indices span static and loaded addresses, so they name nothing by themselves); a created account has no
 * pre entry and a closed one no post entry, and a missing entry counts 0. With {@code wrapAndUnwrapSol} the WSOL leg
 * runs through a temporary account that opens and closes inside the transaction and appears in neither list, so it is
 * read from the fee payer's lamports (index 0): {@code d + fee + rentLocked}, where {@code rentLocked} is what moved
 * into token accounts the transaction created.
 */
public final class FillParser {

    private static final int WSOL_DECIMALS = 9;

    private FillParser() {
    }

    public static Fill parse(TxMeta meta, String wallet, String spentMint, String receivedMint) {
        long rent = rentLocked(meta);
        BigInteger solLeg = solLeg(meta, rent);
        BigInteger spent = Mints.WSOL.equals(spentMint) ? solLeg.negate() : tokenLeg(meta, wallet, spentMint).negate();
        BigInteger received = Mints.WSOL.equals(receivedMint) ? solLeg : tokenLeg(meta, wallet, receivedMint);
        return new Fill(spent, decimals(meta, spentMint), received, decimals(meta, receivedMint), meta.fee(), rent);
    }

    /** Lamports moved into the token accounts the transaction created: a post entry without a pre entry. */
    static long rentLocked(TxMeta meta) {
        Set<Integer> before = new HashSet<>();
        meta.preTokenBalances().forEach(b -> before.add(b.accountIndex()));
        Set<Integer> created = new HashSet<>();
        long rent = 0;
        for (TokenBalance b : meta.postTokenBalances()) {
            int i = b.accountIndex();
            if (!before.contains(i) && created.add(i) && i < meta.postBalances().size()) {
                rent += meta.postBalances().get(i) - meta.preBalances().get(i);
            }
        }
        return rent;
    }

    private static BigInteger solLeg(TxMeta meta, long rent) {
        if (meta.preBalances().isEmpty()) {
            return BigInteger.ZERO;
        }
        long d = meta.postBalances().get(0) - meta.preBalances().get(0);
        return BigInteger.valueOf(d).add(BigInteger.valueOf(meta.fee())).add(BigInteger.valueOf(rent));
    }

    private static BigInteger tokenLeg(TxMeta meta, String wallet, String mint) {
        return sum(meta.postTokenBalances(), wallet, mint).subtract(sum(meta.preTokenBalances(), wallet, mint));
    }

    private static BigInteger sum(List<TokenBalance> balances, String wallet, String mint) {
        BigInteger total = BigInteger.ZERO;
        for (TokenBalance b : balances) {
            if (mint.equals(b.mint()) && wallet.equals(b.owner())) {
                total = total.add(b.amount());
            }
        }
        return total;
    }

    /** From any entry of the mint (decimals are the mint's); 0 when none names it, and then nothing moved. */
    private static int decimals(TxMeta meta, String mint) {
        if (Mints.WSOL.equals(mint)) {
            return WSOL_DECIMALS;
        }
        for (List<TokenBalance> list : List.of(meta.postTokenBalances(), meta.preTokenBalances())) {
            for (TokenBalance b : list) {
                if (mint.equals(b.mint())) {
                    return b.decimals();
                }
            }
        }
        return 0;
    }
}
