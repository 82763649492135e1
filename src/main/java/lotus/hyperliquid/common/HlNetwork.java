package lotus.hyperliquid.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which Hyperliquid Lotus talks to. {@code LOCAL} is our own simulator on 127.0.0.1 (tests and the demo);
 * HYPERLIQUID.md calls it {@code custom}.
 */
public enum HlNetwork {
    MAINNET,
    TESTNET,
    LOCAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HlNetwork parse(String text) {
        for (HlNetwork n : values()) {
            if (n.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a network; accepted: " + labels());
    }

    public static String labels() {
        return Arrays.stream(values()).map(HlNetwork::label).collect(Collectors.joining(", "));
    }
}
