package lotus.exec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Solana swap failures a next attempt can cure (SOLANA.md §3.4): the price moving past the quote's threshold
 * (Jupiter's custom error 6001, {@code 0x1771}: a wider step of the ladder) and a blockhash that expired or was never
 * seen (the same step again). Anything else (6008 for changed bytes, 6014, 6024, a bad signature) is ours or the
 * wallet's to mend, and retrying it only pays fees again.
 */
final class SwapErrors {

    private static final int SLIPPAGE_EXCEEDED = 6001;
    private static final Pattern CUSTOM = Pattern.compile("\"Custom\"\\s*:\\s*(\\d+)");

    private SwapErrors() {
    }

    /** The chain's {@code {"InstructionError":[i,{"Custom":6001}]}}, or Jupiter's text naming 6001 by name or hex. */
    static boolean isSlippage(String error) {
        if (error == null) {
            return false;
        }
        Matcher m = CUSTOM.matcher(error);
        if (m.find()) {
            return m.group(1).equals(Integer.toString(SLIPPAGE_EXCEEDED));
        }
        return error.contains("0x1771") || error.contains("SlippageToleranceExceeded");
    }

    static boolean isStaleBlockhash(String error) {
        return error != null && error.contains("BlockhashNotFound");
    }
}
