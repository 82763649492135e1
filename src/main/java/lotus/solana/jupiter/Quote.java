package lotus.solana.jupiter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The quote kept as Jupiter's raw JSON tree, handed to {@code /swap} verbatim (SOLANA.md §3.1): a record of the fields
 * we read would drop the ones we do not know and change what the server sees. The accessors read the tree; the
 * compact constructor checks every one of them, so a Quote that exists can be read.
 */
public record Quote(JsonNode raw) {

    public Quote {
        Objects.requireNonNull(raw, "raw");
        if (!raw.isObject()) {
            throw new IllegalArgumentException("a quote is a JSON object, got " + raw.getNodeType());
        }
        raw = raw.deepCopy();
        text(raw, "inputMint");
        text(raw, "outputMint");
        amount(raw, "inAmount");
        amount(raw, "outAmount");
        amount(raw, "otherAmountThreshold");
        if (!raw.path("slippageBps").canConvertToInt() || !raw.path("slippageBps").isIntegralNumber()) {
            throw new IllegalArgumentException("quote field slippageBps is not an integer");
        }
        fraction(raw);
    }

    public String inputMint() {
        return raw.get("inputMint").asText();
    }

    public String outputMint() {
        return raw.get("outputMint").asText();
    }

    public BigInteger inAmount() {
        return amount(raw, "inAmount");
    }

    /** Routed output after DEX fees, before slippage. */
    public BigInteger outAmount() {
        return amount(raw, "outAmount");
    }

    /** The minimum output after {@code slippageBps}: the figure the program enforces on chain. */
    public BigInteger otherAmountThreshold() {
        return amount(raw, "otherAmountThreshold");
    }

    public int slippageBps() {
        return raw.get("slippageBps").intValue();
    }

    /** priceImpactPct read as a FRACTION (0.0012 = 0.12 %). */
    public BigDecimal priceImpact() {
        return fraction(raw);
    }

    private static String text(JsonNode raw, String field) {
        JsonNode n = raw.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new IllegalArgumentException("quote field " + field + " is missing or not a string");
        }
        return n.asText();
    }

    /** Jupiter's amounts are integer strings in raw units. */
    private static BigInteger amount(JsonNode raw, String field) {
        String s = text(raw, field);
        try {
            BigInteger v = new BigInteger(s);
            if (v.signum() < 0) {
                throw new IllegalArgumentException("quote field " + field + " is negative: " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quote field " + field + " is not an integer string: " + s);
        }
    }

    /** A decimal string; a JSON float would already have passed through a double, so it is refused. */
    private static BigDecimal fraction(JsonNode raw) {
        JsonNode n = raw.get("priceImpactPct");
        if (n != null && (n.isBigDecimal() || n.isIntegralNumber())) {
            return n.decimalValue();
        }
        String s = text(raw, "priceImpactPct");
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quote field priceImpactPct is not a decimal: " + s);
        }
    }
}
