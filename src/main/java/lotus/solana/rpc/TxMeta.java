package lotus.solana.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What {@code getTransaction} tells of a landed transaction (SOLANA.md §4.5): the balances of every account before
 * and after, by account index (index 0 is the fee payer).
 *
 * @param blockTime seconds since the epoch, null when the node does not know it
 * @param err       null when the transaction succeeded
 * @param fee       lamports, base and priority fee together
 */
public record TxMeta(long slot, Long blockTime, JsonNode err, long fee, List<Long> preBalances,
        List<Long> postBalances, List<TokenBalance> preTokenBalances, List<TokenBalance> postTokenBalances) {

    public TxMeta {
        preBalances = List.copyOf(preBalances);
        postBalances = List.copyOf(postBalances);
        preTokenBalances = List.copyOf(preTokenBalances);
        postTokenBalances = List.copyOf(postTokenBalances);
        if (preBalances.size() != postBalances.size()) {
            throw new IllegalArgumentException("preBalances has " + preBalances.size() + " entries, postBalances "
                    + postBalances.size());
        }
    }
}
