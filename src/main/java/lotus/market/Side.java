package lotus.market;

/** The aggressor of a trade, in Hyperliquid's letters: {@code B} buy, {@code A} sell (ask side hit). */
public enum Side {
    BUY("B"),
    SELL("A");

    private final String code;

    Side(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Side parse(String code) {
        return switch (code) {
            case "B" -> BUY;
            case "A" -> SELL;
            default -> throw new IllegalArgumentException("unknown trade side '" + code + "'; accepted: B, A");
        };
    }
}
