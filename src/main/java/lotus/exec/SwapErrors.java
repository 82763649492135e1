package lotus.exec;

/**
 * Which Solana swap failures a next attempt can cure (SOLANA.md §3.4): the price moving past the quote's threshold
 * (6001, {@code 0x1771}) and a blockhash that expired or was never seen. Anything else (6008 for changed bytes, 6014,
 * 6024, a bad signature) is ours or the wallet's to mend, and retrying it only pays fees again.
 */
final class SwapErrors {

    private SwapErrors() {
    }

    static boolean isSlippage(String error) {
        return error != null && (error.contains("6001") || error.contains("0x1771")
                || error.contains("SlippageToleranceExceeded"));
    }

    static boolean isRetryable(String error) {
        return isSlippage(error) || error != null && error.contains("BlockhashNotFound");
    }
}
