package lotus.market;

import java.math.BigDecimal;

/** Exact decimal parsing for prices and sizes that arrive as text. */
public final class Decimals {

    private Decimals() {
    }

    /**
     * Parses a plain decimal such as {@code "3007.1"} or {@code "1e-7"}. Rejects {@code NaN}, infinities, blanks and
     * anything else {@link BigDecimal} cannot hold exactly, with the offending text in the message.
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isBlank()) {
            throw new NumberFormatException("not a decimal: empty");
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not a decimal: '" + abbreviate(text) + "'");
        }
    }

    /** The canonical text of a decimal: no exponent, no trailing zeros ({@code 30135.0 -> 30135}). */
    public static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
