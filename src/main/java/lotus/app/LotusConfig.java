package lotus.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.hyperliquid.common.HlNetwork;
import lotus.store.JdbcUrls;

/** The whole effective configuration, immutable. Built only by {@link ConfigLoader}. */
public record LotusConfig(Path dataDir, Db db, Hyperliquid hyperliquid, Rollup rollup, Execution execution, Pm pm,
        Risk risk, Solana solana, CoinGecko coinGecko, Server server, Alerts alerts) {

    /**
     * What paper fills cost per venue and book (issue 16): Hyperliquid's taker rates of its dry-run fill model, a
     * Solana swap's base fee plus the configured priority cap (a paper swap cannot know it paid less) and route fee.
     */
    public lotus.exec.CostModel paperCosts() {
        return paperCosts(solana.swaps());
    }

    static lotus.exec.CostModel paperCosts(Swaps s) {
        return lotus.exec.CostModel.of(lotus.exec.HyperliquidExecutor.Settings.dryRun(), s.priorityMaxLamports(),
                s.assumedSolUsd(), s.routeFeeBps());
    }

    /**
     * Where alerts go ({@code alerts.webhook_url}, a Telegram chat, both or neither: nowhere) and whether each closed
     * trade is one.
     *
     * @param webhookUrl a secret: its path may be the receiver's key; only its host may be shown
     */
    public record Alerts(Optional<Secret> webhookUrl, Optional<Telegram> telegram, boolean closedTrades) {
    }

    /**
     * A Telegram chat alerts go to through a bot ({@code alerts.telegram_*}).
     *
     * @param apiUrl   the Bot API's base, {@code https://api.telegram.org} unless a stand-in is configured
     * @param botToken a secret: it is part of every request's URL
     */
    public record Telegram(String apiUrl, Secret botToken, String chatId) {
    }

    /**
     * The operator's HTTP server in {@code lotus run}, {@code lotus demo} and {@code lotus serve}.
     *
     * @param host  where it listens; anything but loopback needs {@code token}
     * @param port  0 picks a free one
     * @param token what every write (and a read from another machine) must present as {@code Bearer}; empty: one is
     *              generated at start and printed once
     */
    public record Server(String host, int port, Optional<Secret> token) {

        /** The server's settings, with {@code --port} in place of {@code server.port} when given. */
        public lotus.web.ApiServer.Settings settings(Integer portOverride) {
            return new lotus.web.ApiServer.Settings(host, portOverride != null ? portOverride : port,
                    token.map(Secret::reveal));
        }
    }

    /** @param url a JDBC URL: {@code jdbc:sqlite:PATH} (embedded) or {@code jdbc:postgresql://HOST:PORT/DB?...} */
    public record Db(String url, int poolSize) {
        /** The URL's passwords masked: a record prints every component, and this one may hold a password. */
        @Override
        public String toString() {
            return "Db[url=" + JdbcUrls.redact(url) + ", poolSize=" + poolSize + "]";
        }
    }

    /**
     * @param endpoints      REST and WebSocket URLs of the network (overridable)
     * @param symbols        the majors streamed for market understanding
     * @param privateKey     the signing key, when one was given (env or file)
     * @param accountAddress the master account an agent key trades for
     * @param catalogRefresh how often the asset catalog is read again
     */
    public record Hyperliquid(HlNetwork network, HlEndpoints endpoints, List<String> symbols, Optional<Secret> privateKey,
            Optional<String> accountAddress, Duration catalogRefresh) {
        public Hyperliquid {
            symbols = List.copyOf(symbols);
        }
    }

    /** @param lateGrace how long after a bar closes a late trade may still correct it */
    public record Rollup(Duration lateGrace) {
    }

    /** @param live send real orders; false (the default) runs every executor dry */
    public record Execution(boolean live) {
    }

    /**
     * @param walletUsd   what each book's positions size against (STRATEGY.md §5: a position's budget is
     *                    wallet × total_allocation_pct / 100)
     * @param maxLeverage the most a perps position may use; 0 (the default) trades perps unlevered
     * @param settle      wait after a bar closes before its tick, so late trades land first
     */
    public record Pm(java.math.BigDecimal walletUsd, int maxLeverage, Duration settle) {
    }

    /** @param limits what the risk gate lets through ({@code risk.*}, {@code LOTUS_RISK_*}) */
    /**
     * @param unknownOrderGrace how old an open order the venue does not know must be before it counts as never
     *                          placed (younger, it may still be on its way)
     */
    public record Risk(lotus.risk.RiskLimits limits, Duration unknownOrderGrace) {
        public Risk {
            java.util.Objects.requireNonNull(limits, "limits");
            java.util.Objects.requireNonNull(unknownOrderGrace, "unknownOrderGrace");
        }
    }

    /**
     * The DexScreener price collector (SOLANA.md §2) that {@code lotus ingest} and {@code lotus run} start.
     *
     * @param dexscreenerUrl  {@code https://api.dexscreener.com}, or a simulator's {@code …/dexscreener}
     * @param tierSize        tokens per tier: N tokens are each collected every {@code ceil(N / tier)} minutes
     * @param budgetPerMinute this process's share of DexScreener's 300 calls a minute per IP
     */
    public record Collector(String dexscreenerUrl, boolean enabled, int tierSize, int budgetPerMinute) {
    }

    /**
     * How Solana swaps are made (SOLANA.md §3.2, §3.3, §5).
     *
     * @param slippageLadderBps one attempt per step, each with a fresh quote
     * @param maxPriceImpact    a quote moving the price more than this fraction is not taken
     * @param solReserveLamports SOL kept for fees and rent: live swaps refuse to eat into it
     * @param routeFeeBps       the route's pool fee a paper swap pays on its notional
     * @param assumedSolUsd     SOL's price for a paper swap's network fee when no SOL bar is stored
     */
    public record Swaps(List<Integer> slippageLadderBps, java.math.BigDecimal maxPriceImpact, long solReserveLamports,
            String priorityLevel, long priorityMaxLamports, java.math.BigDecimal routeFeeBps,
            java.math.BigDecimal assumedSolUsd) {
        public Swaps {
            slippageLadderBps = List.copyOf(slippageLadderBps);
        }
    }

    /** The Solana key, from a solana-keygen file or a base58 wallet export (exactly one of the two). */
    /**
     * CoinGecko's {@code /api/v3/global} for the dominance drivers (issue 14).
     *
     * @param url            the API's base URL, or the local simulator's {@code /coingecko}
     * @param apiKey         the demo key, sent in its header; a secret
     * @param callsPerMinute the client's own budget (keyless limits are low)
     */
    public record CoinGecko(String url, Optional<Secret> apiKey, int callsPerMinute, boolean enabled) {
    }

    public record SolanaKey(Optional<Path> file, Optional<Secret> exported) {
    }

    /**
     * @param live        swaps are sent only when this and {@code execution.live} are both true
     * @param jupiterUrl  Jupiter's swap v1 base URL
     * @param rpcUrl      the JSON-RPC node (a secret: a vendor URL carries its key); empty reads use the public node
     * @param walletAddress the keypair's address (or the configured one when no key is given)
     * @param swaps       the slippage ladder, price-impact cap, SOL reserve and priority fee
     * @param collector   the DexScreener price collector
     */
    public record Solana(boolean live, java.net.URI jupiterUrl, Optional<Secret> jupiterApiKey, Optional<Secret> rpcUrl,
            Optional<SolanaKey> key, Optional<String> walletAddress, int jupiterCallsPerMinute,
            int rpcCallsPerMinute, Swaps swaps, Collector collector) {

        /** Solana's public node: reads only (mint decimals in a dry run); live swaps need a node of your own. */
        public static final String PUBLIC_RPC = "https://api.mainnet-beta.solana.com";
    }
}
