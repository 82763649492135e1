package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.hyperliquid.common.HlNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String KEY = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static final String KEY_TAIL = "3f362318";
    private static final String LIVE_ACCEPTED = "true or false, unquoted (not yes, on or 1); true also needs a key "
            + "(HL_PRIVATE_KEY or HL_PRIVATE_KEY_FILE) and, for mainnet, hyperliquid.network: mainnet written out";

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, text);
        return p;
    }

    private static String render(ConfigLoader.Loaded loaded) {
        StringBuilder sb = new StringBuilder();
        loaded.entries().forEach(e -> sb.append(e).append('\n'));
        return sb + loaded.config().toString();
    }

    @Test
    void defaultsGiveTheEmbeddedDatabaseAndSafeValues() {
        ConfigLoader.Loaded loaded = ConfigLoader.load(null, Map.of());
        LotusConfig c = loaded.config();
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.db().url()).isEqualTo("jdbc:sqlite:data/lotus.db");
        assertThat(c.hyperliquid().network()).isEqualTo(HlNetwork.MAINNET);
        assertThat(c.hyperliquid().symbols()).containsExactly("BTC", "ETH", "BNB", "SOL", "HYPE");
        assertThat(c.hyperliquid().privateKey()).isEmpty();
        assertThat(c.rollup().lateGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(loaded.entries()).allMatch(e -> e.source() == ConfigLoader.Source.DEFAULT);
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesTheFile() throws IOException {
        Path file = yaml("""
                data_dir: /var/lib/lotus
                db:
                  pool_size: 4
                hyperliquid:
                  network: testnet
                  symbols: [BTC, ETH]
                rollup:
                  late_grace_ms: 2500
                """);
        LotusConfig c = ConfigLoader.load(file, Map.of("HL_NETWORK", "local", "HL_SYMBOLS", "SOL, kPEPE")).config();
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/lotus"));
        assertThat(c.db().url()).isEqualTo("jdbc:sqlite:/var/lib/lotus/lotus.db");
        assertThat(c.db().poolSize()).isEqualTo(4);
        assertThat(c.hyperliquid().network()).isEqualTo(HlNetwork.LOCAL);
        assertThat(c.hyperliquid().symbols()).containsExactly("SOL", "kPEPE");
        assertThat(c.rollup().lateGrace()).isEqualTo(Duration.ofMillis(2500));

        ConfigLoader.Loaded viaEnv = ConfigLoader.load(null, Map.of("LOTUS_CONFIG", file.toString(),
                "LOTUS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/lotus?user=lotus"));
        assertThat(viaEnv.file()).contains(file);
        assertThat(viaEnv.config().db().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/lotus?user=lotus");
        assertThat(viaEnv.entries()).filteredOn(e -> e.key().equals("db.url"))
                .extracting(ConfigLoader.Entry::source).containsExactly(ConfigLoader.Source.ENV);
        assertThat(viaEnv.entries()).filteredOn(e -> e.key().equals("hyperliquid.network"))
                .extracting(ConfigLoader.Entry::source).containsExactly(ConfigLoader.Source.FILE);
    }

    @Test
    void badValuesNameTheKeyAndWhatIsAccepted() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_NETWORK", "moon")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hyperliquid.network (HL_NETWORK): 'moon' is not accepted; accepted: mainnet, testnet, local");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LOTUS_DB_URL", "mysql://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("db.url (LOTUS_DB_URL): 'mysql://x' is not accepted; accepted: jdbc:sqlite:PATH");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LOTUS_DB_URL", "jdbc:sqlite::memory:")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("in-memory");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_SYMBOLS", "BTC, ETH$")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hyperliquid.symbols (HL_SYMBOLS): 'ETH$' is not a coin name");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_SYMBOLS", " , ")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("hyperliquid.symbols (HL_SYMBOLS): empty");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_ACCOUNT_ADDRESS", "0x1234")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hyperliquid.account_address (HL_ACCOUNT_ADDRESS): '0x1234' is not accepted; accepted: "
                        + "0x followed by 40 hex digits");
    }

    @Test
    void badFileValuesAndUnknownKeysStopStartUp() throws IOException {
        Path pool = yaml("db:\n  pool_size: 0\n");
        assertThatThrownBy(() -> ConfigLoader.load(pool, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("db.pool_size: '0' is not accepted; accepted: a whole number from 1 to 64");
        Path grace = yaml("rollup:\n  late_grace_ms: soon\n");
        assertThatThrownBy(() -> ConfigLoader.load(grace, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("rollup.late_grace_ms: 'soon' is not accepted");
        Path typo = yaml("hyperliquid:\n  netwrok: testnet\n");
        assertThatThrownBy(() -> ConfigLoader.load(typo, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key 'hyperliquid.netwrok' in '" + typo + "'; accepted keys: data_dir, "
                        + "db.url, db.pool_size, hyperliquid.network");
        Path notMapping = yaml("- a\n- b\n");
        assertThatThrownBy(() -> ConfigLoader.load(notMapping, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_NETWROK", "testnet")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown environment variable HL_NETWROK; accepted: COINGECKO_API_KEY, "
                        + "COINGECKO_URL, HL_ACCOUNT_ADDRESS");
    }

    @Test
    void theSolanaCollectorIsOnByDefaultAndItsUrlTierAndBudgetAreConfigurable() throws IOException {
        LotusConfig.Collector defaults = ConfigLoader.load(null, Map.of()).config().solana().collector();
        assertThat(defaults).isEqualTo(new LotusConfig.Collector("https://api.dexscreener.com", true, 250, 250));

        Path file = yaml("solana:\n  dexscreener_url: http://127.0.0.1:7900/dexscreener\n  collector:\n"
                + "    enabled: false\n    tier_size: 7500\n    budget_per_minute: 120\n");
        assertThat(ConfigLoader.load(file, Map.of()).config().solana().collector())
                .isEqualTo(new LotusConfig.Collector("http://127.0.0.1:7900/dexscreener", false, 7500, 120));
        assertThat(ConfigLoader.load(null, Map.of("SOLANA_DEXSCREENER_URL", "http://127.0.0.1:1/dexscreener"))
                .config().solana().collector().dexscreenerUrl()).isEqualTo("http://127.0.0.1:1/dexscreener");

        assertThatThrownBy(() -> ConfigLoader.load(yaml("solana:\n  collector:\n    budget_per_minute: 301\n"),
                Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("solana.collector.budget_per_minute: '301' is not accepted");
    }

    @Test
    void portfolioSettingsDefaultToAnUnleveredTenThousandDollarWallet() throws IOException {
        LotusConfig.Pm pm = ConfigLoader.load(null, Map.of()).config().pm();
        assertThat(pm.walletUsd()).isEqualByComparingTo("10000");
        assertThat(pm.maxLeverage()).isZero();
        assertThat(pm.settle()).isEqualTo(java.time.Duration.ofSeconds(2));

        Path file = yaml("pm:\n  wallet_usd: 2500.50\n  max_leverage: 3\n  settle_ms: 500\n");
        LotusConfig.Pm set = ConfigLoader.load(file, Map.of()).config().pm();
        assertThat(set.walletUsd()).isEqualByComparingTo("2500.50");
        assertThat(set.maxLeverage()).isEqualTo(3);
        assertThat(set.settle()).isEqualTo(java.time.Duration.ofMillis(500));

        assertThatThrownBy(() -> ConfigLoader.load(yaml("pm:\n  wallet_usd: -5\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("pm.wallet_usd: '-5' is not accepted");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("pm:\n  max_leverage: 51\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("pm.max_leverage: '51' is not accepted");
    }

    @Test
    void privateKeyFromEnvironmentOrFileIsNeverShown() throws IOException {
        ConfigLoader.Loaded fromEnv = ConfigLoader.load(null, Map.of("HL_PRIVATE_KEY", KEY));
        assertThat(fromEnv.config().hyperliquid().privateKey()).map(Secret::reveal).contains(KEY);
        assertThat(render(fromEnv)).doesNotContain(KEY_TAIL).contains("key=hyperliquid.private_key, env=HL_PRIVATE_KEY, shown=***, source=ENV");

        Path keyFile = dir.resolve("hl.key");
        Files.writeString(keyFile, KEY.substring(2) + "\n");
        ConfigLoader.Loaded fromFile = ConfigLoader.load(null, Map.of("HL_PRIVATE_KEY_FILE", keyFile.toString()));
        assertThat(fromFile.config().hyperliquid().privateKey()).map(Secret::reveal).contains(KEY);
        assertThat(render(fromFile)).doesNotContain(KEY_TAIL);
    }

    @Test
    void aMalformedKeyIsRefusedWithoutEchoingIt() throws IOException {
        String nearMiss = KEY.substring(0, KEY.length() - 1) + "z";
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_PRIVATE_KEY", nearMiss)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("hyperliquid.private_key (HL_PRIVATE_KEY): not a private key (value not shown)")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(KEY_TAIL.substring(0, 6)));

        Path keyFile = dir.resolve("bad.key");
        Files.writeString(keyFile, nearMiss);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_PRIVATE_KEY_FILE", keyFile.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a private key (value not shown)")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(KEY_TAIL.substring(0, 6)));

        Map<String, String> both = new HashMap<>(Map.of("HL_PRIVATE_KEY", KEY, "HL_PRIVATE_KEY_FILE", keyFile.toString()));
        assertThatThrownBy(() -> ConfigLoader.load(null, both)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("give the key one way only")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(KEY_TAIL));

        Path inFile = yaml("hyperliquid:\n  private_key: \"" + KEY + "\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(inFile, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secrets are never kept in configuration files")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(KEY_TAIL));
    }

    @Test
    void liveTradingIsOffByDefaultAndNeedsAKey() throws IOException {
        assertThat(ConfigLoader.load(null, Map.of()).config().execution().live()).isFalse();
        Path live = yaml("execution:\n  live: true\n");
        assertThatThrownBy(() -> ConfigLoader.load(live, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("execution.live: live trading needs a key");
        assertThat(ConfigLoader.load(live, Map.of("HL_PRIVATE_KEY", KEY, "HL_NETWORK", "testnet")).config()
                .execution().live()).isTrue();
        Path maybe = yaml("execution:\n  live: maybe\n");
        assertThatThrownBy(() -> ConfigLoader.load(maybe, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("execution.live: 'maybe' is not accepted; accepted: true or false");
    }

    @Test
    void onlyTheUnquotedYamlBooleansSwitchLiveOn() throws IOException {
        Map<String, String> env = Map.of("HL_PRIVATE_KEY", KEY, "HL_NETWORK", "testnet");
        for (String word : List.of("yes", "on", "y", "Yes", "ON", "1")) {
            Path file = yaml("execution:\n  live: " + word + "\n");
            assertThatThrownBy(() -> ConfigLoader.load(file, env)).as(word).isInstanceOf(ConfigException.class)
                    .hasMessage("execution.live: '" + word + "' is not accepted; accepted: " + LIVE_ACCEPTED);
        }
        Path quoted = yaml("execution:\n  live: \"true\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(quoted, env)).isInstanceOf(ConfigException.class)
                .hasMessage("execution.live: \"true\" (quoted, a string) is not accepted; accepted: " + LIVE_ACCEPTED);
        assertThat(ConfigLoader.load(yaml("execution:\n  live: true\n"), env).config().execution().live()).isTrue();
        assertThat(ConfigLoader.load(yaml("execution:\n  live: false\n"), env).config().execution().live()).isFalse();
        // Words that YAML 1.1 reads as booleans stay words elsewhere too.
        assertThat(ConfigLoader.load(yaml("hyperliquid:\n  symbols: [ON, NO]\n"), Map.of()).config().hyperliquid()
                .symbols()).containsExactly("ON", "NO");
    }

    @Test
    void liveOnMainnetNeedsTheNetworkWrittenOut() throws IOException {
        Path live = yaml("execution:\n  live: true\n");
        assertThatThrownBy(() -> ConfigLoader.load(live, Map.of("HL_PRIVATE_KEY", KEY)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("execution.live: live trading on mainnet needs the network written out; set "
                        + "hyperliquid.network: mainnet in the file or HL_NETWORK=mainnet, or leave execution.live "
                        + "false (dry run)");
        LotusConfig viaEnv = ConfigLoader.load(live, Map.of("HL_PRIVATE_KEY", KEY, "HL_NETWORK", "mainnet")).config();
        assertThat(viaEnv.execution().live()).isTrue();
        assertThat(viaEnv.hyperliquid().network()).isEqualTo(HlNetwork.MAINNET);
        Path inFile = yaml("hyperliquid:\n  network: mainnet\nexecution:\n  live: true\n");
        assertThat(ConfigLoader.load(inFile, Map.of("HL_PRIVATE_KEY", KEY)).config().execution().live()).isTrue();
        assertThat(ConfigLoader.load(null, Map.of("HL_PRIVATE_KEY", KEY)).config().execution().live()).isFalse();
    }

    @Test
    void endpointsMustBeHttpAndWebSocketUrlsExactly() {
        assertThat(ConfigLoader.load(null, Map.of("HL_REST_URL", "https://api.example.com", "HL_WS_URL",
                "wss://api.example.com/ws")).config().hyperliquid().endpoints().wsUrl())
                .hasToString("wss://api.example.com/ws");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_REST_URL", "httpfoo://127.0.0.1:7878")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hyperliquid.rest_url (HL_REST_URL): 'httpfoo://127.0.0.1:7878' is not accepted; "
                        + "accepted: an http(s) URL");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_WS_URL", "wsx://127.0.0.1:7878/ws")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("hyperliquid.ws_url (HL_WS_URL): 'wsx://127.0.0.1:7878/ws' is not accepted");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_WS_URL", "http://127.0.0.1:7878/ws")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("hyperliquid.ws_url (HL_WS_URL): ");
    }

    @Test
    void aKeyGivenWhereAPathOrAddressBelongsIsNeverEchoed() throws IOException {
        String bare = KEY.substring(2);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_PRIVATE_KEY_FILE", KEY)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("hyperliquid.private_key_file (HL_PRIVATE_KEY_FILE): cannot read (value not shown) "
                        + "(NoSuchFileException); accepted: a readable file holding the key")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(KEY_TAIL));
        for (String value : List.of(KEY, bare)) {
            assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("HL_ACCOUNT_ADDRESS", value)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("hyperliquid.account_address (HL_ACCOUNT_ADDRESS): (value not shown) is not accepted; "
                            + "accepted: 0x followed by 40 hex digits")
                    .satisfies(e -> assertThat(stackText(e)).doesNotContain(KEY_TAIL));
        }
        for (Map<String, String> env : List.of(Map.of("HL_SYMBOLS", "BTC," + KEY + "$"),
                Map.of("HL_NETWORK", KEY), Map.of("HL_REST_URL", KEY), Map.of("LOTUS_DB_URL", bare))) {
            assertThatThrownBy(() -> ConfigLoader.load(null, env)).as(env.keySet().toString())
                    .isInstanceOf(ConfigException.class).hasMessageContaining("(value not shown)")
                    .satisfies(e -> assertThat(stackText(e)).doesNotContain(KEY_TAIL));
        }
        Path inFile = yaml("execution:\n  live: " + bare + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(inFile, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("execution.live: (value not shown) is not accepted")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(KEY_TAIL));
        // A key pasted as a symbol has the shape of a coin name: accepted as one, but `lotus config` never shows it.
        ConfigLoader.Loaded loaded = ConfigLoader.load(null, Map.of("HL_SYMBOLS", bare));
        assertThat(loaded.entries()).filteredOn(e -> e.key().equals("hyperliquid.symbols"))
                .extracting(ConfigLoader.Entry::shown).containsExactly("(value not shown)");
    }

    @Test
    void databasePasswordsAreMaskedInTheEffectiveConfiguration() {
        ConfigLoader.Loaded loaded = ConfigLoader.load(null,
                Map.of("LOTUS_DB_URL", "jdbc:postgresql://db.internal:5432/lotus?user=lotus&password=s3cr3t&ssl=true"));
        assertThat(loaded.entries()).filteredOn(e -> e.key().equals("db.url")).extracting(ConfigLoader.Entry::shown)
                .containsExactly("jdbc:postgresql://db.internal:5432/lotus?user=lotus&password=***&ssl=true");
        assertThat(loaded.entries().toString()).doesNotContain("s3cr3t");
        assertThat(loaded.config().toString()).doesNotContain("s3cr3t")
                .contains("Db[url=jdbc:postgresql://db.internal:5432/lotus?user=lotus&password=***&ssl=true, poolSize=8]");
        assertThat(List.of(lotus.store.JdbcUrls.redact("jdbc:postgresql://lotus:pw@host/db")))
                .containsExactly("jdbc:postgresql://lotus:***@host/db");
    }

    private static String stackText(Throwable e) {
        var w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
