package lotus.store;

/** The three bar tables of the seed, and which chain's bars live where. */
public enum PriceTable {
    /** Hyperliquid trading tokens (the venue Lotus trades on). */
    HYPERLIQUID("hyperliquid_price_data_ohlc"),
    /** BTC ETH BNB SOL HYPE for market understanding (regime drivers); never read for a position. */
    MAJORS("majors_price_data_ohlc"),
    /** Solana and other on-chain tokens. */
    LOWCAP("lowcap_price_data_ohlc");

    public static final String HYPERLIQUID_CHAIN = "hyperliquid";

    private final String tableName;

    PriceTable(String tableName) {
        this.tableName = tableName;
    }

    public String tableName() {
        return tableName;
    }

    /** The table holding a position's bars: {@code hyperliquid} has its own, every other chain is lowcap. */
    public static PriceTable forChain(String tokenChain) {
        return HYPERLIQUID_CHAIN.equals(tokenChain) ? HYPERLIQUID : LOWCAP;
    }
}
