package lotus.sim.solana;

import java.util.Map;

/**
 * The simulated RPC's chain parameters. Values the research could not pin down (SOLANA.md, unverified) are settings,
 * with defaults that follow mainnet's usual figures.
 *
 * @param msPerBlock             block time on the injected clock (mainnet ≈ 400 ms)
 * @param blockhashValidBlocks   a blockhash's transactions may land up to this many blocks after it was issued
 * @param confirmAfterBlocks     a landed signature reads "confirmed" this many blocks after landing
 * @param finalizeAfterBlocks    … and "finalized" after this many
 * @param statusHistoryBlocks    without {@code searchTransactionHistory} statuses older than this read null
 * @param transactionNullPolls   {@code getTransaction} answers null this many times after confirmation (indexing)
 * @param baseFeeLamports        per signature
 * @param tokenAccountRent       lamports a new token account locks (165 bytes, rent-exempt)
 * @param token2022TransferFeeBps Token-2022 mints and their transfer fee: a receiver gets that much less
 * @param closeEmptiedAccounts   a swap that empties the wallet's input token account closes it (rent back to payer)
 */
public record RpcSimSettings(long msPerBlock, int blockhashValidBlocks, int confirmAfterBlocks,
        int finalizeAfterBlocks, int statusHistoryBlocks, int transactionNullPolls, long baseFeeLamports,
        long tokenAccountRent, Map<String, Integer> token2022TransferFeeBps, boolean closeEmptiedAccounts) {

    public RpcSimSettings {
        token2022TransferFeeBps = Map.copyOf(token2022TransferFeeBps);
        if (msPerBlock <= 0 || blockhashValidBlocks < 1 || confirmAfterBlocks < 0
                || finalizeAfterBlocks < confirmAfterBlocks || statusHistoryBlocks < 1 || transactionNullPolls < 0) {
            throw new IllegalArgumentException("inconsistent chain settings: " + this);
        }
    }

    public static RpcSimSettings defaults() {
        return new RpcSimSettings(400, 150, 1, 32, 150, 0, 5_000, 2_039_280, Map.of(), false);
    }

    public RpcSimSettings withTransactionNullPolls(int polls) {
        return new RpcSimSettings(msPerBlock, blockhashValidBlocks, confirmAfterBlocks, finalizeAfterBlocks,
                statusHistoryBlocks, polls, baseFeeLamports, tokenAccountRent, token2022TransferFeeBps,
                closeEmptiedAccounts);
    }

    public RpcSimSettings withToken2022(Map<String, Integer> transferFeeBps) {
        return new RpcSimSettings(msPerBlock, blockhashValidBlocks, confirmAfterBlocks, finalizeAfterBlocks,
                statusHistoryBlocks, transactionNullPolls, baseFeeLamports, tokenAccountRent, transferFeeBps,
                closeEmptiedAccounts);
    }

    public RpcSimSettings withCloseEmptiedAccounts(boolean close) {
        return new RpcSimSettings(msPerBlock, blockhashValidBlocks, confirmAfterBlocks, finalizeAfterBlocks,
                statusHistoryBlocks, transactionNullPolls, baseFeeLamports, tokenAccountRent, token2022TransferFeeBps,
                close);
    }
}
