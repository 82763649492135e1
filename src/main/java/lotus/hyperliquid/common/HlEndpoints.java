package lotus.hyperliquid.common;

import java.net.URI;

/** Where a Hyperliquid lives (HYPERLIQUID.md §1). Built once in the app and passed down; nothing else holds a URL. */
public record HlEndpoints(HlNetwork network, URI restUrl, URI wsUrl) {

    public static HlEndpoints of(HlNetwork network) {
        return switch (network) {
            case MAINNET -> new HlEndpoints(network, URI.create("https://api.hyperliquid.xyz"),
                    URI.create("wss://api.hyperliquid.xyz/ws"));
            case TESTNET -> new HlEndpoints(network, URI.create("https://api.hyperliquid-testnet.xyz"),
                    URI.create("wss://api.hyperliquid-testnet.xyz/ws"));
            case LOCAL -> throw new IllegalArgumentException("the local simulator's URLs depend on its port: use local(port)");
        };
    }

    /** Our simulator on 127.0.0.1. */
    public static HlEndpoints local(int port) {
        return new HlEndpoints(HlNetwork.LOCAL, URI.create("http://127.0.0.1:" + port),
                URI.create("ws://127.0.0.1:" + port + "/ws"));
    }

    public URI infoUrl() {
        return restUrl.resolve("/info");
    }
}
