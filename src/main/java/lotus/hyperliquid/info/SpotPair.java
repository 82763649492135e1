package lotus.hyperliquid.info;

/**
 * A spot pair from {@code spotMeta}: stored under its canonical {@code name} ({@code HYPE/USDC}), subscribed and
 * queried as {@code apiCoin} ({@code @107}; {@code PURR/USDC} for pair 0). HYPERLIQUID.md §4.
 */
public record SpotPair(String name, String apiCoin, int index, int szDecimals) {
}
