package lotus.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.net.URI;
import java.net.URISyntaxException;
import lotus.hyperliquid.common.HlEndpoints;
import lotus.hyperliquid.common.HlNetwork;
import lotus.risk.RiskLimits;
import lotus.store.JdbcUrls;

/**
 * Builds the effective {@link LotusConfig}: defaults, then an optional YAML file, then the environment, each
 * overriding the one before. Anything unknown or malformed stops start-up with a message that names the key (and
 * its environment variable) and says what is accepted. Secrets are never part of a message.
 *
 * <p>Over 400 lines because it is one table: every key with its default, environment variable and check, read in one
 * place so that the three sources cannot disagree about a key.
 */
public final class ConfigLoader {

    public enum Source {
        DEFAULT, FILE, ENV
    }

    /** One line of {@code lotus config}: the value as it may be shown, and where it came from. */
    public record Entry(String key, String env, String shown, Source source) {
    }

    public record Loaded(LotusConfig config, List<Entry> entries, Optional<Path> file) {
    }

    private record Key(String name, String env, String accepted, boolean secret, boolean allowedInFile) {
        String label() {
            return env == null ? name : name + " (" + env + ")";
        }
    }

    private static final Key DATA_DIR = new Key("data_dir", "LOTUS_DATA_DIR", "a directory path", false, true);
    private static final Key DB_URL = new Key("db.url", "LOTUS_DB_URL",
            "jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB?user=...", false, true);
    private static final Key DB_POOL = new Key("db.pool_size", null, "a whole number from 1 to 64", false, true);
    private static final Key HL_NETWORK = new Key("hyperliquid.network", "HL_NETWORK", HlNetwork.labels(), false, true);
    private static final Key HL_SYMBOLS = new Key("hyperliquid.symbols", "HL_SYMBOLS",
            "a comma-separated list of coins such as BTC,ETH", false, true);
    private static final Key HL_KEY = new Key("hyperliquid.private_key", "HL_PRIVATE_KEY",
            "64 hex digits, optionally 0x-prefixed", true, false);
    private static final Key HL_KEY_FILE = new Key("hyperliquid.private_key_file", "HL_PRIVATE_KEY_FILE",
            "a readable file holding the key", false, true);
    private static final Key HL_ACCOUNT = new Key("hyperliquid.account_address", "HL_ACCOUNT_ADDRESS",
            "0x followed by 40 hex digits", false, true);
    private static final Key HL_REST_URL = new Key("hyperliquid.rest_url", "HL_REST_URL",
            "an http(s) URL; overrides the network's REST endpoint (local: our simulator, default http://127.0.0.1:7878)",
            false, true);
    private static final Key HL_WS_URL = new Key("hyperliquid.ws_url", "HL_WS_URL",
            "a ws(s) URL; overrides the network's WebSocket endpoint (local default ws://127.0.0.1:7878/ws)", false, true);
    private static final Key HL_CATALOG_REFRESH = new Key("hyperliquid.catalog_refresh_s", "HL_CATALOG_REFRESH_S",
            "a whole number of seconds from 60 to 86400 between reads of the venue's asset catalog (it is also read"
                    + " again when an asset is not in it)", false, true);
    private static final Key LIVE = new Key("execution.live", null,
            "true or false, unquoted (not yes, on or 1); true also needs a key (HL_PRIVATE_KEY or HL_PRIVATE_KEY_FILE)"
                    + " and, for mainnet, hyperliquid.network: mainnet written out", false, true);
    private static final Key LATE_GRACE = new Key("rollup.late_grace_ms", null,
            "a whole number of milliseconds from 0 to 3600000", false, true);

    private static final Key DEX_URL = new Key("solana.dexscreener_url", "SOLANA_DEXSCREENER_URL",
            "an http(s) URL: DexScreener's API (local: our simulator's http://127.0.0.1:PORT/dexscreener)", false,
            true);
    private static final Key COLLECTOR = new Key("solana.collector.enabled", null,
            "true or false: collect Solana token prices from DexScreener in lotus ingest and lotus run", false, true);
    private static final Key COLLECTOR_TIER = new Key("solana.collector.tier_size", null,
            "a whole number from 1 to 100000 of tokens collected every minute; more go every 2, 3, ... minutes",
            false, true);
    private static final Key COLLECTOR_BUDGET = new Key("solana.collector.budget_per_minute", null,
            "a whole number from 1 to 300 of DexScreener calls a minute (300 is the per-IP limit, shared)", false,
            true);

    // CoinGecko (issue 14): BTC and USDT dominance for the regime; the key is a secret, the environment only.
    private static final Key CG_URL = new Key("coingecko.url", "COINGECKO_URL",
            "an http(s) URL: CoinGecko's API (local: our simulator's http://127.0.0.1:PORT/coingecko)", false, true);
    private static final Key CG_KEY = new Key("coingecko.api_key", "COINGECKO_API_KEY",
            "CoinGecko's demo API key (sent as x-cg-demo-api-key), from the environment only", true, false);
    private static final Key CG_BUDGET = new Key("coingecko.calls_per_minute", null,
            "a whole number from 1 to 500 of CoinGecko calls a minute (keyless limits are low)", false, true);
    private static final Key CG_ENABLED = new Key("coingecko.enabled", null,
            "true or false: collect BTC and USDT dominance in lotus ingest and lotus run", false, true);

    private static final Key WALLET = new Key("pm.wallet_usd", null,
            "a positive decimal number of dollars each book's positions size against", false, true);
    private static final Key MAX_LEVERAGE = new Key("pm.max_leverage", null,
            "a whole number from 0 (no leverage) to 50; perps positions never exceed the asset's own maximum", false,
            true);
    private static final Key SETTLE = new Key("pm.settle_ms", null,
            "a whole number of milliseconds from 0 to 600000 waited after a bar closes before its tick", false, true);

    // Risk gate limits (RiskLimits): each inclusive, conservative defaults for a first live run.
    private static final Key RISK_ORDER_NOTIONAL = riskKey("max_order_notional_usd",
            "a positive decimal number of dollars: the largest buy, after live_scale when live");
    private static final Key RISK_ORDERS_PER_MINUTE = riskKey("max_orders_per_minute",
            "a whole number from 1 to 10000 of orders per venue in any 60 s");
    private static final Key RISK_BOOK_EXPOSURE = riskKey("max_book_exposure_usd",
            "a positive decimal number of dollars held in one book");
    private static final Key RISK_TOKEN_EXPOSURE = riskKey("max_token_exposure_usd",
            "a positive decimal number of dollars held in one token across its timeframes in a book");
    private static final Key RISK_OPEN_POSITIONS = riskKey("max_open_positions_per_book",
            "a whole number from 1 to 10000 of positions holding a quantity in one book");
    private static final Key RISK_DAILY_LOSS = riskKey("daily_loss_stop_usd",
            "a positive decimal number of dollars lost today (UTC) after which a book only reduces");
    private static final Key RISK_DRAWDOWN = riskKey("max_drawdown_pct",
            "a decimal percentage above 0 and at most 100 of a book's fall from its equity peak");
    private static final Key RISK_LIVE_SCALE = riskKey("live_scale",
            "a decimal above 0 and at most 1 that multiplies every live buy's notional");
    private static final Key RISK_RECONCILE = riskKey("reconcile_interval_s",
            "a whole number of seconds from 1 to 86400 between account reconciliations");
    private static final Key RISK_UNKNOWN_TO_HALT = riskKey("unknown_outcomes_to_halt",
            "a whole number from 1 to 100 of unknown order outcomes in a row that halt trading");

    private static final Key RISK_ORDER_GRACE = riskKey("unknown_order_grace_ms",
            "a whole number of milliseconds from 5000 to 600000: live orders expire at the venue this long after they"
                    + " are signed, and an open order the venue does not know is settled as never placed once it is"
                    + " this old");

    // Solana (SOLANA.md §1, §5): Jupiter and the RPC are configuration, never constants; keys and the RPC URL are
    // secrets (an RPC vendor's URL carries its key).
    private static final Key SOL_LIVE = new Key("solana.live", null,
            "true or false, unquoted; swaps are sent only when execution.live is true too, with a keypair"
                    + " (solana.keypair_file or SOL_WALLET_PRIVATE_KEY) and solana.rpc_url set", false, true);
    private static final Key SOL_JUPITER_URL = new Key("solana.jupiter_url", "SOLANA_JUPITER_URL",
            "an http(s) URL of Jupiter's swap v1 API, such as https://lite-api.jup.ag/swap/v1", false, true);
    private static final Key SOL_JUPITER_KEY = new Key("solana.jupiter_api_key", "JUP_API_KEY",
            "Jupiter's API key (sent as x-api-key), from the environment only", true, false);
    private static final Key SOL_RPC_URL = new Key("solana.rpc_url", "SOLANA_RPC_URL",
            "an http(s) URL of a Solana JSON-RPC node (a vendor URL may carry its key: only its host is shown)", true,
            true);
    private static final Key SOL_KEYPAIR_FILE = new Key("solana.keypair_file", "SOLANA_KEYPAIR_FILE",
            "a solana-keygen keypair file (a JSON array of 64 bytes) readable by its owner only", false, true);
    private static final Key SOL_PRIVATE_KEY = new Key("solana.private_key", "SOL_WALLET_PRIVATE_KEY",
            "a wallet export: base58 of the 64 keypair bytes, from the environment only", true, false);
    private static final Key SOL_WALLET = new Key("solana.wallet_address", "SOLANA_WALLET_ADDRESS",
            "the wallet's base58 address; when set, the keypair must be its", false, true);
    private static final Key SOL_JUPITER_BUDGET = new Key("solana.jupiter_calls_per_minute", null,
            "a whole number from 1 to 10000 (keyless Jupiter allows about 30)", false, true);
    private static final Key SOL_RPC_BUDGET = new Key("solana.rpc_calls_per_minute", null,
            "a whole number from 1 to 100000 (your RPC plan's limit)", false, true);

    private static final Key SOL_LADDER = new Key("solana.slippage_ladder_bps", null,
            "a comma-separated list of 1 to 5 increasing slippages in basis points, each from 1 to 5000: one swap"
                    + " attempt per step, each with a fresh quote", false, true);
    private static final Key SOL_MAX_IMPACT = new Key("solana.max_price_impact", null,
            "a decimal fraction above 0 and at most 1: a quote moving the price more is not taken", false, true);
    private static final Key SOL_RESERVE = new Key("solana.sol_reserve_lamports", null,
            "a whole number of lamports from 0 to 10000000000 kept for fees and token-account rent", false, true);
    private static final Key SOL_PRIORITY_LEVEL = new Key("solana.priority_level", null,
            "medium, high or veryHigh: the percentile of recent priority fees Jupiter pays", false, true);
    private static final Key SOL_PRIORITY_MAX = new Key("solana.priority_max_lamports", null,
            "a whole number of lamports from 1 to 100000000 capping the priority fee", false, true);
    // What a paper swap costs beyond the network fee (issue 16): the pool fee a DexScreener close does not include.
    private static final Key SOL_ROUTE_FEE = new Key("solana.route_fee_bps", null,
            "a decimal from 0 to 1000 basis points: the route's pool fee a paper swap pays on its notional", false,
            true);
    private static final Key SOL_ASSUMED_USD = new Key("solana.assumed_sol_usd", null,
            "a decimal above 0: SOL's price for a paper swap's network fee when no SOL bar is stored", false, true);

    // The operator's server (issue 15): loopback by default; the token is a secret, from the environment or a file.
    private static final Key SERVER_HOST = new Key("server.host", "LOTUS_SERVER_HOST",
            "an IP address or host name to listen on (127.0.0.1 by default); anything but loopback needs server.token",
            false, true);
    private static final Key SERVER_PORT = new Key("server.port", "LOTUS_SERVER_PORT",
            "a whole number from 0 to 65535 (0 picks a free port)", false, true);
    private static final Key SERVER_TOKEN = new Key("server.token", "LOTUS_SERVER_TOKEN",
            "at least 16 characters without spaces, from the environment only", true, false);
    private static final Key SERVER_TOKEN_FILE = new Key("server.token_file", "LOTUS_SERVER_TOKEN_FILE",
            "a readable file holding the token (at least 16 characters without spaces)", false, true);

    // Alerts (issue 15): the webhook URL may carry a secret in its path (Slack's do), so only its host is shown.
    private static final Key ALERTS_WEBHOOK = new Key("alerts.webhook_url", "LOTUS_ALERTS_WEBHOOK_URL",
            "an http(s) URL taking a JSON POST {kind, book, text, time} (only its host is shown)", true, true);
    private static final Key ALERTS_TG_TOKEN = new Key("alerts.telegram_bot_token",
            "LOTUS_ALERTS_TELEGRAM_BOT_TOKEN", "the bot's token from @BotFather, from the environment only", true,
            false);
    private static final Key ALERTS_TG_CHAT = new Key("alerts.telegram_chat_id", "LOTUS_ALERTS_TELEGRAM_CHAT_ID",
            "the chat's id (a number, negative for groups) or @channelname", false, true);
    private static final Key ALERTS_TG_API = new Key("alerts.telegram_api_url", "LOTUS_ALERTS_TELEGRAM_API_URL",
            "an http(s) URL of the Bot API (https://api.telegram.org by default)", false, true);
    private static final Key ALERTS_CLOSED_TRADES = new Key("alerts.closed_trades", "LOTUS_ALERTS_CLOSED_TRADES",
            "true or false: also alert each closed trade", false, true);

    private static Key riskKey(String snakeName, String accepted) {
        return new Key("risk." + snakeName, "LOTUS_RISK_" + snakeName.toUpperCase(java.util.Locale.ROOT), accepted,
                false, true);
    }

    private static final List<Key> KEYS = List.of(DATA_DIR, DB_URL, DB_POOL, HL_NETWORK, HL_SYMBOLS, HL_KEY,
            HL_KEY_FILE, HL_ACCOUNT, HL_REST_URL, HL_WS_URL, HL_CATALOG_REFRESH, LIVE, LATE_GRACE, WALLET, MAX_LEVERAGE, SETTLE,
            RISK_ORDER_NOTIONAL, RISK_ORDERS_PER_MINUTE, RISK_BOOK_EXPOSURE, RISK_TOKEN_EXPOSURE, RISK_OPEN_POSITIONS,
            RISK_DAILY_LOSS, RISK_DRAWDOWN, RISK_LIVE_SCALE, RISK_RECONCILE, RISK_UNKNOWN_TO_HALT,
            RISK_ORDER_GRACE, SOL_LIVE, SOL_JUPITER_URL, SOL_JUPITER_KEY, SOL_RPC_URL, SOL_KEYPAIR_FILE,
            SOL_PRIVATE_KEY, SOL_WALLET, SOL_JUPITER_BUDGET, SOL_RPC_BUDGET, SOL_LADDER, SOL_MAX_IMPACT, SOL_RESERVE,
            SOL_PRIORITY_LEVEL, SOL_PRIORITY_MAX, SOL_ROUTE_FEE, SOL_ASSUMED_USD, DEX_URL, COLLECTOR, COLLECTOR_TIER,
            COLLECTOR_BUDGET, CG_URL, CG_KEY, CG_BUDGET, CG_ENABLED, SERVER_HOST, SERVER_PORT, SERVER_TOKEN,
            SERVER_TOKEN_FILE, ALERTS_WEBHOOK, ALERTS_TG_TOKEN, ALERTS_TG_CHAT, ALERTS_TG_API, ALERTS_CLOSED_TRADES);

    /** Environment variables with our prefixes that are not configuration keys but are still ours. */
    private static final Set<String> OTHER_OWN_ENV = Set.of("LOTUS_CONFIG", "LOTUS_TEST_PG_URL", "LOTUS_REQUIRE_PG",
            "LOTUS_REQUIRE_BROWSER",
            "LOTUS_JAVA_OPTS", "LOTUS_DEMO_DEBUG");

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(WALLET.name, "10000"),
            Map.entry(MAX_LEVERAGE.name, "0"),
            Map.entry(SETTLE.name, "2000"),
            Map.entry(DATA_DIR.name, "./data"),
            Map.entry(DB_POOL.name, "8"),
            Map.entry(HL_NETWORK.name, "mainnet"),
            Map.entry(HL_SYMBOLS.name, "BTC,ETH,BNB,SOL,HYPE"),
            Map.entry(HL_CATALOG_REFRESH.name, "3600"),
            Map.entry(LATE_GRACE.name, "10000"),
            Map.entry(LIVE.name, "false"),
            Map.entry(RISK_ORDER_NOTIONAL.name, "100"),
            Map.entry(RISK_ORDERS_PER_MINUTE.name, "10"),
            Map.entry(RISK_BOOK_EXPOSURE.name, "1000"),
            Map.entry(RISK_TOKEN_EXPOSURE.name, "250"),
            Map.entry(RISK_OPEN_POSITIONS.name, "10"),
            Map.entry(RISK_DAILY_LOSS.name, "100"),
            Map.entry(RISK_DRAWDOWN.name, "10"),
            Map.entry(RISK_LIVE_SCALE.name, "0.1"),
            Map.entry(RISK_RECONCILE.name, "60"),
            Map.entry(RISK_UNKNOWN_TO_HALT.name, "3"),
            Map.entry(RISK_ORDER_GRACE.name, "10000"),
            Map.entry(SOL_LIVE.name, "false"),
            Map.entry(SOL_JUPITER_URL.name, "https://lite-api.jup.ag/swap/v1"),
            Map.entry(SOL_JUPITER_BUDGET.name, "30"),
            Map.entry(SOL_RPC_BUDGET.name, "600"),
            Map.entry(SOL_LADDER.name, "50,300,600"),
            Map.entry(SOL_MAX_IMPACT.name, "0.05"),
            Map.entry(SOL_RESERVE.name, "20000000"),
            Map.entry(SOL_PRIORITY_LEVEL.name, "high"),
            Map.entry(SOL_PRIORITY_MAX.name, "1000000"),
            Map.entry(SOL_ROUTE_FEE.name, "25"),
            Map.entry(SOL_ASSUMED_USD.name, "150"),
            Map.entry(DEX_URL.name, "https://api.dexscreener.com"),
            Map.entry(CG_URL.name, "https://api.coingecko.com"),
            Map.entry(CG_BUDGET.name, "20"),
            Map.entry(CG_ENABLED.name, "true"),
            Map.entry(COLLECTOR.name, "true"),
            Map.entry(COLLECTOR_TIER.name, "250"),
            Map.entry(COLLECTOR_BUDGET.name, "250"),
            Map.entry(SERVER_HOST.name, "127.0.0.1"),
            Map.entry(SERVER_PORT.name, "8787"),
            Map.entry(ALERTS_TG_API.name, "https://api.telegram.org"),
            Map.entry(ALERTS_CLOSED_TRADES.name, "false"));

    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");
    private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,64}");
    private static final Pattern HEX_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern COIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:/@._-]*");

    private ConfigLoader() {
    }

    /**
     * @param explicitFile {@code --config PATH}, or null; then {@code LOTUS_CONFIG}, then {@code ./lotus.yaml} if it
     *                     exists
     */
    public static Loaded load(Path explicitFile, Map<String, String> env) {
        checkEnvNames(env);
        Optional<Path> file = chooseFile(explicitFile, env);
        Map<String, String> fromFile = file.map(ConfigLoader::readYaml).orElse(Map.of());

        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, Source> sources = new LinkedHashMap<>();
        for (Key key : KEYS) {
            String value = DEFAULTS.get(key.name);
            Source source = Source.DEFAULT;
            if (fromFile.containsKey(key.name)) {
                value = fromFile.get(key.name);
                source = Source.FILE;
            }
            if (key.env != null && env.get(key.env) != null && !env.get(key.env).isEmpty()) {
                value = env.get(key.env);
                source = Source.ENV;
            }
            if (value != null) {
                raw.put(key.name, value);
            }
            sources.put(key.name, source);
        }
        return build(raw, sources, file);
    }

    private static Loaded build(Map<String, String> raw, Map<String, Source> sources, Optional<Path> file) {
        Path dataDir = Path.of(required(raw, DATA_DIR)).normalize();
        if (!raw.containsKey(DB_URL.name)) {
            raw.put(DB_URL.name, "jdbc:sqlite:" + dataDir.resolve("lotus.db"));
        }
        String dbUrl = parseDbUrl(raw.get(DB_URL.name));
        int pool = parseLong(raw, DB_POOL, 1, 64).intValue();
        HlNetwork network = parse(raw, HL_NETWORK, HlNetwork::parse);
        List<String> symbols = parseSymbols(raw.get(HL_SYMBOLS.name));
        Optional<Secret> key = privateKey(raw);
        Optional<String> account = Optional.ofNullable(raw.get(HL_ACCOUNT.name)).map(String::strip).map(a -> {
            if (!ADDRESS.matcher(a).matches()) {
                throw invalid(HL_ACCOUNT, a);
            }
            return a.toLowerCase(java.util.Locale.ROOT);
        });
        Duration grace = Duration.ofMillis(parseLong(raw, LATE_GRACE, 0, 3_600_000));
        HlEndpoints endpoints = endpoints(network, raw.get(HL_REST_URL.name), raw.get(HL_WS_URL.name));

        boolean live = parse(raw, LIVE, ConfigLoader::strictBoolean);
        if (live && key.isEmpty()) {
            throw new ConfigException(LIVE.label() + ": live trading needs a key; set HL_PRIVATE_KEY or "
                    + "HL_PRIVATE_KEY_FILE, or leave execution.live false (dry run)");
        }
        if (live && network == HlNetwork.MAINNET && sources.get(HL_NETWORK.name) == Source.DEFAULT) {
            // Real money is never traded on a default: the operator names the network as well as switching live on.
            throw new ConfigException(LIVE.label() + ": live trading on mainnet needs the network written out; set "
                    + HL_NETWORK.name + ": mainnet in the file or HL_NETWORK=mainnet, or leave execution.live false "
                    + "(dry run)");
        }
        java.math.BigDecimal wallet = parse(raw, WALLET, text -> {
            java.math.BigDecimal w = new java.math.BigDecimal(text.strip());
            if (w.signum() <= 0) {
                throw new IllegalArgumentException(text);
            }
            return w;
        });
        int maxLeverage = parseLong(raw, MAX_LEVERAGE, 0, 50).intValue();
        Duration settle = Duration.ofMillis(parseLong(raw, SETTLE, 0, 600_000));
        LotusConfig config = new LotusConfig(dataDir, new LotusConfig.Db(dbUrl, pool),
                new LotusConfig.Hyperliquid(network, endpoints, symbols, key, account,
                        Duration.ofSeconds(parseLong(raw, HL_CATALOG_REFRESH, 60, 86_400))),
                new LotusConfig.Rollup(grace),
                new LotusConfig.Execution(live), new LotusConfig.Pm(wallet, maxLeverage, settle), risk(raw),
                solana(raw, sources, live, network == HlNetwork.LOCAL ? endpoints.restUrl() : null),
                coinGecko(raw, sources, network == HlNetwork.LOCAL ? endpoints.restUrl() : null), server(raw),
                alerts(raw));

        List<Entry> entries = new ArrayList<>();
        for (Key k : KEYS) {
            String value = raw.get(k.name);
            String shown;
            if (value == null) {
                shown = "(not set)";
            } else if (k == SOL_RPC_URL || k == ALERTS_WEBHOOK) {
                shown = URI.create(value.strip()).getHost() + " (the rest not shown)";
            } else if (k.secret) {
                shown = "***";
            } else if (k == DB_URL) {
                shown = JdbcUrls.redact(dbUrl);
            } else if (k == DATA_DIR) {
                shown = dataDir.toString();
            } else if (Secret.looksLikeKey(value)) {
                shown = "(value not shown)";
            } else {
                shown = value;
            }
            entries.add(new Entry(k.name, k.env, shown, sources.get(k.name)));
        }
        return new Loaded(config, List.copyOf(entries), file);
    }

    /**
     * @param localSim the local simulator's URL when {@code hyperliquid.network} is {@code local}: its Jupiter and
     *                 RPC (under {@code /jupiter/swap/v1} and {@code /rpc}) are then the defaults, so a local run never
     *                 reaches the real venue
     */
    private static LotusConfig.Solana solana(Map<String, String> raw, Map<String, Source> sources,
            boolean executionLive, URI localSim) {
        boolean live = parse(raw, SOL_LIVE, ConfigLoader::strictBoolean);
        if (localSim != null && sources.get(SOL_JUPITER_URL.name) == Source.DEFAULT) {
            raw.put(SOL_JUPITER_URL.name, localSim.resolve("/jupiter/swap/v1").toString());
        }
        if (localSim != null && !raw.containsKey(SOL_RPC_URL.name)) {
            raw.put(SOL_RPC_URL.name, localSim.resolve("/rpc").toString());
        }
        URI jupiter = uri(SOL_JUPITER_URL, raw.get(SOL_JUPITER_URL.name), "http", "https");
        Optional<Secret> apiKey = Optional.ofNullable(raw.get(SOL_JUPITER_KEY.name)).map(String::strip)
                .map(Secret::new);
        Optional<Secret> rpc = Optional.ofNullable(raw.get(SOL_RPC_URL.name))
                .map(u -> new Secret(uri(SOL_RPC_URL, u, "http", "https").toString()));
        String file = raw.get(SOL_KEYPAIR_FILE.name);
        String exported = raw.get(SOL_PRIVATE_KEY.name);
        if (file != null && exported != null) {
            throw new ConfigException("both " + SOL_KEYPAIR_FILE.label() + " and " + SOL_PRIVATE_KEY.label()
                    + " are set; give the Solana key one way only");
        }
        Optional<String> wallet = Optional.ofNullable(raw.get(SOL_WALLET.name)).map(String::strip);
        Optional<LotusConfig.SolanaKey> key = Optional.empty();
        if (file != null) {
            key = Optional.of(new LotusConfig.SolanaKey(Optional.of(Path.of(file.strip())), Optional.empty()));
        } else if (exported != null) {
            key = Optional.of(new LotusConfig.SolanaKey(Optional.empty(), Optional.of(new Secret(exported.strip()))));
        }
        // Read now, so a wrong key stops start-up with one line rather than the first swap.
        Optional<String> address = key.map(k -> SolanaKeys.load(k, SOL_KEYPAIR_FILE.label(), SOL_PRIVATE_KEY.label())
                .address());
        if (address.isPresent() && wallet.isPresent() && !address.get().equals(wallet.get())) {
            throw new ConfigException(SOL_WALLET.label() + ": the keypair's address is " + address.get() + ", not "
                    + wallet.get());
        }
        boolean publicNode = rpc.map(u -> URI.create(u.reveal()).getHost())
                .filter(h -> h.equalsIgnoreCase(URI.create(LotusConfig.Solana.PUBLIC_RPC).getHost())).isPresent();
        if (live && executionLive && (key.isEmpty() || rpc.isEmpty() || publicNode)) {
            throw new ConfigException(SOL_LIVE.label() + ": live swaps need " + (key.isEmpty()
                    ? "a keypair (" + SOL_KEYPAIR_FILE.label() + " or " + SOL_PRIVATE_KEY.label() + ")"
                    : "an RPC node of your own (" + SOL_RPC_URL.label() + "; the public one is too limited)")
                    + ", or leave solana.live false (dry run)");
        }
        if (localSim != null && sources.get(DEX_URL.name) == Source.DEFAULT) {
            raw.put(DEX_URL.name, localSim.resolve("/dexscreener").toString());
        }
        LotusConfig.Collector collector = new LotusConfig.Collector(
                uri(DEX_URL, raw.get(DEX_URL.name), "http", "https").toString(),
                parse(raw, COLLECTOR, ConfigLoader::strictBoolean),
                parseLong(raw, COLLECTOR_TIER, 1, 100_000).intValue(),
                parseLong(raw, COLLECTOR_BUDGET, 1, 300).intValue());
        return new LotusConfig.Solana(live, jupiter, apiKey, rpc, key, address.or(() -> wallet),
                parseLong(raw, SOL_JUPITER_BUDGET, 1, 10_000).intValue(),
                parseLong(raw, SOL_RPC_BUDGET, 1, 100_000).intValue(), swaps(raw), collector);
    }

    /** With {@code hyperliquid.network: local} the simulator's {@code /coingecko} is the default URL, as for Solana. */
    private static LotusConfig.CoinGecko coinGecko(Map<String, String> raw, Map<String, Source> sources, URI localSim) {
        if (localSim != null && sources.get(CG_URL.name) == Source.DEFAULT) {
            raw.put(CG_URL.name, localSim.resolve("/coingecko").toString());
        }
        Optional<Secret> apiKey = Optional.ofNullable(raw.get(CG_KEY.name)).map(String::strip)
                .filter(k -> !k.isEmpty()).map(Secret::new);
        return new LotusConfig.CoinGecko(uri(CG_URL, raw.get(CG_URL.name), "http", "https").toString(), apiKey,
                parseLong(raw, CG_BUDGET, 1, 500).intValue(), parse(raw, CG_ENABLED, ConfigLoader::strictBoolean));
    }

    private static LotusConfig.Alerts alerts(Map<String, String> raw) {
        Optional<Secret> webhook = Optional.ofNullable(raw.get(ALERTS_WEBHOOK.name))
                .map(u -> new Secret(uri(ALERTS_WEBHOOK, u, "http", "https").toString()));
        String token = Optional.ofNullable(raw.get(ALERTS_TG_TOKEN.name)).map(String::strip).orElse("");
        String chat = Optional.ofNullable(raw.get(ALERTS_TG_CHAT.name)).map(String::strip).orElse("");
        if (token.isEmpty() != chat.isEmpty()) {
            throw new ConfigException("a Telegram target needs both " + ALERTS_TG_TOKEN.label() + " and "
                    + ALERTS_TG_CHAT.label() + "; only " + (token.isEmpty() ? ALERTS_TG_CHAT : ALERTS_TG_TOKEN).name
                    + " is set");
        }
        if (!token.isEmpty() && !TELEGRAM_TOKEN.matcher(token).matches()) {
            throw new ConfigException(ALERTS_TG_TOKEN.label() + " must look like 123456:ABC-def (digits, a colon,"
                    + " then letters, digits, - or _; value not shown)");
        }
        if (!chat.isEmpty() && !TELEGRAM_CHAT.matcher(chat).matches()) {
            throw new ConfigException(ALERTS_TG_CHAT.label() + " must be " + ALERTS_TG_CHAT.accepted() + "; got "
                    + Secret.quoted(chat));
        }
        Optional<LotusConfig.Telegram> telegram = token.isEmpty() ? Optional.empty()
                : Optional.of(new LotusConfig.Telegram(uri(ALERTS_TG_API, raw.get(ALERTS_TG_API.name), "http",
                        "https").toString(), new Secret(token), chat));
        return new LotusConfig.Alerts(webhook, telegram, parse(raw, ALERTS_CLOSED_TRADES,
                ConfigLoader::strictBoolean));
    }

    private static LotusConfig.Server server(Map<String, String> raw) {
        String host = required(raw, SERVER_HOST).strip();
        int port = parseLong(raw, SERVER_PORT, 0, 65_535).intValue();
        String inline = raw.get(SERVER_TOKEN.name);
        String path = raw.get(SERVER_TOKEN_FILE.name);
        if (inline != null && path != null) {
            throw new ConfigException("both " + SERVER_TOKEN.label() + " and " + SERVER_TOKEN_FILE.label()
                    + " are set; give the token one way only");
        }
        String token = inline;
        String where = SERVER_TOKEN.label();
        if (path != null) {
            Path p = Path.of(path.strip());
            where = SERVER_TOKEN_FILE.label() + " file " + Secret.quoted(p.toString());
            try {
                token = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException(SERVER_TOKEN_FILE.label() + ": cannot read " + Secret.quoted(p.toString())
                        + " (" + e.getClass().getSimpleName() + "); accepted: " + SERVER_TOKEN_FILE.accepted);
            }
        }
        if (token == null) {
            return new LotusConfig.Server(host, port, Optional.empty());
        }
        token = token.strip();
        // Short or spaced tokens are typos or placeholders more often than choices; the value is never echoed.
        if (token.length() < 16 || token.chars().anyMatch(Character::isWhitespace)) {
            throw new ConfigException(where + ": not accepted (value not shown); accepted: " + SERVER_TOKEN.accepted);
        }
        return new LotusConfig.Server(host, port, Optional.of(new Secret(token)));
    }

    private static LotusConfig.Swaps swaps(Map<String, String> raw) {
        List<Integer> ladder = parse(raw, SOL_LADDER, text -> {
            List<Integer> steps = java.util.Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf)
                    .toList();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) < 1 || steps.get(i) > 5_000 || (i > 0 && steps.get(i) <= steps.get(i - 1))) {
                    throw new IllegalArgumentException(text);
                }
            }
            if (steps.isEmpty() || steps.size() > 5) {
                throw new IllegalArgumentException(text);
            }
            return steps;
        });
        String level = parse(raw, SOL_PRIORITY_LEVEL, text -> switch (text.strip()) {
            case "medium", "high", "veryHigh" -> text.strip();
            default -> throw new IllegalArgumentException(text);
        });
        return new LotusConfig.Swaps(ladder, decimal(raw, SOL_MAX_IMPACT, BigDecimal.ONE),
                parseLong(raw, SOL_RESERVE, 0, 10_000_000_000L), level,
                parseLong(raw, SOL_PRIORITY_MAX, 1, 100_000_000), parse(raw, SOL_ROUTE_FEE, text -> {
                    BigDecimal v = new BigDecimal(text.strip());
                    if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(1000)) > 0) {
                        throw new IllegalArgumentException(text);
                    }
                    return v;
                }), decimal(raw, SOL_ASSUMED_USD, null));
    }

    private static LotusConfig.Risk risk(Map<String, String> raw) {
        return new LotusConfig.Risk(new RiskLimits(decimal(raw, RISK_ORDER_NOTIONAL, null),
                parseLong(raw, RISK_ORDERS_PER_MINUTE, 1, 10_000).intValue(), decimal(raw, RISK_BOOK_EXPOSURE, null),
                decimal(raw, RISK_TOKEN_EXPOSURE, null), parseLong(raw, RISK_OPEN_POSITIONS, 1, 10_000).intValue(),
                decimal(raw, RISK_DAILY_LOSS, null), decimal(raw, RISK_DRAWDOWN, new BigDecimal("100")),
                decimal(raw, RISK_LIVE_SCALE, BigDecimal.ONE), parseLong(raw, RISK_RECONCILE, 1, 86_400).intValue(),
                parseLong(raw, RISK_UNKNOWN_TO_HALT, 1, 100).intValue()),
                java.time.Duration.ofMillis(parseLong(raw, RISK_ORDER_GRACE, 5_000, 600_000)));
    }

    /** A decimal above 0 and, when {@code max} is given, at most {@code max}. */
    private static BigDecimal decimal(Map<String, String> raw, Key key, BigDecimal max) {
        return parse(raw, key, text -> {
            BigDecimal v = new BigDecimal(text.strip());
            if (v.signum() <= 0 || (max != null && v.compareTo(max) > 0)) {
                throw new IllegalArgumentException(text);
            }
            return v;
        });
    }

    private static boolean strictBoolean(String text) {
        return switch (text.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static boolean strictWord(String text) {
        return text.equals("true") || text.equals("false");
    }

    private static HlEndpoints endpoints(HlNetwork network, String rest, String ws) {
        HlEndpoints base = network == HlNetwork.LOCAL ? HlEndpoints.local(7878) : HlEndpoints.of(network);
        URI restUrl = rest == null ? base.restUrl() : uri(HL_REST_URL, rest, "http", "https");
        URI wsUrl = ws == null ? base.wsUrl() : uri(HL_WS_URL, ws, "ws", "wss");
        return new HlEndpoints(network, restUrl, wsUrl);
    }

    private static URI uri(Key key, String text, String plain, String secure) {
        try {
            URI u = new URI(text.strip());
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase(plain) || scheme.equalsIgnoreCase(secure))
                    || u.getHost() == null) {
                throw invalid(key, text);
            }
            return u;
        } catch (URISyntaxException e) {
            throw invalid(key, text);
        }
    }

    private static Optional<Secret> privateKey(Map<String, String> raw) {
        String inline = raw.get(HL_KEY.name);
        String path = raw.get(HL_KEY_FILE.name);
        if (inline != null && path != null) {
            throw new ConfigException("both " + HL_KEY.label() + " and " + HL_KEY_FILE.label()
                    + " are set; give the key one way only");
        }
        if (inline != null) {
            return Optional.of(checkedKey(inline.strip(), HL_KEY.label()));
        }
        if (path != null) {
            Path p = Path.of(path.strip());
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException(HL_KEY_FILE.label() + ": cannot read " + Secret.quoted(p.toString()) + " ("
                        + e.getClass().getSimpleName() + "); accepted: " + HL_KEY_FILE.accepted);
            }
            return Optional.of(checkedKey(text, HL_KEY_FILE.label() + " file " + Secret.quoted(p.toString())));
        }
        return Optional.empty();
    }

    private static Secret checkedKey(String key, String where) {
        if (!HEX_KEY.matcher(key).matches()) {
            // The value is never echoed: a near-miss key is still a secret.
            throw new ConfigException(where + ": not a private key (value not shown); accepted: " + HL_KEY.accepted);
        }
        return new Secret(key.startsWith("0x") ? key : "0x" + key);
    }

    private static String parseDbUrl(String url) {
        String u = url.strip();
        if (u.startsWith("jdbc:sqlite:")) {
            String path = u.substring("jdbc:sqlite:".length());
            if (path.isEmpty() || path.startsWith(":memory:") || path.contains("mode=memory")) {
                throw new ConfigException(DB_URL.label() + ": " + Secret.quoted(JdbcUrls.redact(u))
                        + " is not a file; an in-memory database would lose everything; accepted: " + DB_URL.accepted);
            }
            return u;
        }
        if (u.startsWith("jdbc:postgresql://")) {
            return u;
        }
        throw new ConfigException(DB_URL.label() + ": " + Secret.quoted(JdbcUrls.redact(u)) + " is not accepted; accepted: "
                + DB_URL.accepted);
    }

    private static List<String> parseSymbols(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String coin = part.strip();
            if (coin.isEmpty()) {
                continue;
            }
            if (!COIN.matcher(coin).matches()) {
                throw new ConfigException(HL_SYMBOLS.label() + ": " + Secret.quoted(coin) + " is not a coin name; accepted: "
                        + HL_SYMBOLS.accepted);
            }
            out.add(coin);
        }
        if (out.isEmpty()) {
            throw new ConfigException(HL_SYMBOLS.label() + ": empty; accepted: " + HL_SYMBOLS.accepted);
        }
        return List.copyOf(out);
    }

    private static Long parseLong(Map<String, String> raw, Key key, long min, long max) {
        String text = required(raw, key).strip();
        try {
            long v = Long.parseLong(text);
            if (v < min || v > max) {
                throw invalid(key, text);
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(key, text);
        }
    }

    private static <T> T parse(Map<String, String> raw, Key key, java.util.function.Function<String, T> parser) {
        String text = required(raw, key);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw invalid(key, text);
        }
    }

    private static String required(Map<String, String> raw, Key key) {
        String v = raw.get(key.name);
        if (v == null || v.isBlank()) {
            throw new ConfigException(key.label() + ": empty; accepted: " + key.accepted);
        }
        return v;
    }

    private static ConfigException invalid(Key key, String value) {
        String shown = key.secret ? "(value not shown)" : Secret.quoted(value);
        return new ConfigException(key.label() + ": " + shown + " is not accepted; accepted: " + key.accepted);
    }

    private static void checkEnvNames(Map<String, String> env) {
        Set<String> known = KEYS.stream().map(Key::env).filter(e -> e != null).collect(Collectors.toSet());
        for (String name : env.keySet()) {
            boolean ours = name.startsWith("LOTUS_") || name.startsWith("HL_") || name.startsWith("SOLANA_");
            if (ours && !known.contains(name) && !OTHER_OWN_ENV.contains(name)) {
                // A typo such as HL_NETWROK must not silently leave the default in force.
                throw new ConfigException("unknown environment variable " + name + "; accepted: "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ", "
                        + OTHER_OWN_ENV.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private static Optional<Path> chooseFile(Path explicitFile, Map<String, String> env) {
        if (explicitFile != null) {
            return Optional.of(mustExist(explicitFile, "--config"));
        }
        String fromEnv = env.get("LOTUS_CONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(mustExist(Path.of(fromEnv), "LOTUS_CONFIG"));
        }
        Path local = Path.of("lotus.yaml");
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    private static Path mustExist(Path path, String from) {
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(from + ": configuration file '" + path + "' does not exist");
        }
        return path;
    }

    private static Map<String, String> readYaml(Path path) {
        JsonNode root;
        try {
            // YAML 1.1 reads yes, no, on, off, y and n as booleans: only the words true and false are, here.
            root = YAMLMapper.builder().enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build()
                    .readTree(path.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file '" + path + "': "
                    + Secret.mask(firstLine(e.getMessage())));
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return flat;
        }
        if (!root.isObject()) {
            throw new ConfigException("configuration file '" + path + "' must be a mapping of keys to values");
        }
        flatten("", root, flat, path);
        Map<String, Key> byName = KEYS.stream().collect(Collectors.toMap(Key::name, k -> k));
        for (String name : flat.keySet()) {
            Key key = byName.get(name);
            if (key == null) {
                throw new ConfigException("unknown key '" + name + "' in '" + path + "'; accepted keys: "
                        + KEYS.stream().filter(Key::allowedInFile).map(Key::name).collect(Collectors.joining(", ")));
            }
            if (!key.allowedInFile) {
                throw new ConfigException("'" + name + "' may not be written in '" + path
                        + "': secrets are never kept in configuration files; set " + key.env + " or "
                        + HL_KEY_FILE.name + " instead");
            }
        }
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path path) {
        var fields = node.properties();
        for (var field : fields) {
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(name, value, out, path);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isValueNode()) {
                        throw new ConfigException("key '" + name + "' in '" + path + "': list items must be plain values");
                    }
                    items.add(item.asText());
                }
                out.put(name, String.join(",", items));
            } else if (value.isNull()) {
                throw new ConfigException("key '" + name + "' in '" + path + "' has no value");
            } else if (name.equals(LIVE.name) && !value.isBoolean()) {
                // Switching live on is deliberate: the unquoted YAML boolean, not a word or string that reads as one.
                String shown = value.isTextual() && strictWord(value.asText())
                        ? "\"" + value.asText() + "\" (quoted, a string)" : Secret.quoted(value.asText());
                throw new ConfigException(LIVE.label() + ": " + shown + " is not accepted; accepted: " + LIVE.accepted);
            } else {
                out.put(name, value.asText());
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
