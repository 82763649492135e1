package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import lotus.solana.common.Base58;
import lotus.solana.tx.SolanaKeypair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The solana.* keys: dry by default, live only with both switches, a readable key and a node of one's own. */
class SolanaConfigTest {

    private static final SolanaKeypair WALLET = SolanaKeypair.fromSeed(new byte[32]);
    private static final String RPC = "https://mainnet.helius-rpc.com/?api-key=d2f0a7c1-secret-secret";

    @TempDir
    Path dir;

    private Path keypairFile(String perms) throws IOException {
        Path p = dir.resolve("id.json");
        StringBuilder json = new StringBuilder("[");
        byte[] all = new byte[64];
        System.arraycopy(WALLET.publicKey(), 0, all, 32, 32);
        for (int i = 0; i < 64; i++) {
            json.append(i == 0 ? "" : ",").append(all[i] & 0xff);
        }
        Files.writeString(p, json.append(']').toString());
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        return p;
    }

    private Path yaml(String text) throws IOException {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void defaultsAreDryWithTheKeylessJupiterAndNoNodeOrKey() {
        LotusConfig.Solana s = ConfigLoader.load(null, Map.of()).config().solana();
        assertThat(s.live()).isFalse();
        assertThat(s.jupiterUrl()).hasToString("https://lite-api.jup.ag/swap/v1");
        assertThat(s.rpcUrl()).isEmpty();
        assertThat(s.key()).isEmpty();
        assertThat(s.jupiterCallsPerMinute()).isEqualTo(30);
    }

    @Test
    void theKeypairFileGivesTheWalletAndTheRpcUrlIsShownByItsHostOnly() throws IOException {
        ConfigLoader.Loaded loaded = ConfigLoader.load(null, Map.of("SOLANA_KEYPAIR_FILE",
                keypairFile("rw-------").toString(), "SOLANA_RPC_URL", RPC));
        assertThat(loaded.config().solana().walletAddress()).contains("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS");
        String shown = loaded.entries().toString() + loaded.config();
        assertThat(shown).contains("mainnet.helius-rpc.com (the rest not shown)").doesNotContain("secret");
    }

    @Test
    void aKeyOthersCanReadOrThatIsNotTheWalletsStopsStartUp() throws IOException {
        Path open = keypairFile("rw-r--r--");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SOLANA_KEYPAIR_FILE", open.toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("solana.keypair_file (SOLANA_KEYPAIR_FILE)");
        Path ok = keypairFile("rw-------");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SOLANA_KEYPAIR_FILE", ok.toString(),
                "SOLANA_WALLET_ADDRESS", "11111111111111111111111111111111")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS");
        byte[] wrong = new byte[64];
        wrong[40] = 1; // a public half that is not the seed's
        String export = Base58.encode(wrong);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SOL_WALLET_PRIVATE_KEY", export)))
                .isInstanceOf(ConfigException.class).message().doesNotContain(export);
    }

    @Test
    void liveSwapsNeedBothSwitchesAKeyAndANodeOfOnesOwn() throws IOException {
        Map<String, String> hl = Map.of("HL_PRIVATE_KEY",
                "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "HL_NETWORK", "testnet");
        Path noNode = yaml("execution:\n  live: true\nsolana:\n  live: true\n  keypair_file: "
                + keypairFile("rw-------") + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(noNode, hl)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("an RPC node of your own");
        Path publicNode = yaml("execution:\n  live: true\nsolana:\n  live: true\n  keypair_file: "
                + keypairFile("rw-------") + "\n  rpc_url: https://api.mainnet-beta.solana.com\n");
        assertThatThrownBy(() -> ConfigLoader.load(publicNode, hl)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("an RPC node of your own");
        Path noKey = yaml("execution:\n  live: true\nsolana:\n  live: true\n  rpc_url: http://127.0.0.1:9/rpc\n");
        assertThatThrownBy(() -> ConfigLoader.load(noKey, hl)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("a keypair");
        // solana.live alone (execution.live false) stays a dry run: nothing is refused, nothing is sent.
        Path dry = yaml("solana:\n  live: true\n");
        assertThat(ConfigLoader.load(dry, Map.of()).config().solana().live()).isTrue();
        assertThat(ConfigLoader.load(dry, Map.of()).config().execution().live()).isFalse();
    }

    @Test
    void aLocalRunDefaultsToTheLocalSimulatorsJupiterAndNode() {
        LotusConfig.Solana s = ConfigLoader.load(null, Map.of("HL_NETWORK", "local", "HL_REST_URL",
                "http://127.0.0.1:9123")).config().solana();
        assertThat(s.jupiterUrl()).hasToString("http://127.0.0.1:9123/jupiter/swap/v1");
        assertThat(s.rpcUrl()).get().extracting(Secret::reveal).isEqualTo("http://127.0.0.1:9123/rpc");
        LotusConfig.Solana mainnet = ConfigLoader.load(null, Map.of()).config().solana();
        assertThat(mainnet.jupiterUrl().getHost()).isEqualTo("lite-api.jup.ag");
    }

    @Test
    void theSwapSettingsDefaultToTheLadderOfTheDocumentAndAreChecked() throws IOException {
        LotusConfig.Swaps d = ConfigLoader.load(null, Map.of()).config().solana().swaps();
        assertThat(d.slippageLadderBps()).containsExactly(50, 300, 600);
        assertThat(d.maxPriceImpact()).isEqualByComparingTo("0.05");
        assertThat(d.solReserveLamports()).isEqualTo(20_000_000L);
        assertThat(SolanaAssembly.settings(d).priorityFee()).isEqualTo(new lotus.solana.jupiter.PriorityFee("high",
                1_000_000));

        LotusConfig.Swaps set = ConfigLoader.load(yaml("solana:\n  slippage_ladder_bps: 250, 600\n"
                + "  priority_level: veryHigh\n"), Map.of()).config().solana().swaps();
        assertThat(set.slippageLadderBps()).containsExactly(250, 600);
        assertThat(set.priorityLevel()).isEqualTo("veryHigh");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("solana:\n  slippage_ladder_bps: 300, 50\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("solana.slippage_ladder_bps: '300, 50'");
        assertThatThrownBy(() -> ConfigLoader.load(yaml("solana:\n  priority_level: auto\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("medium, high or veryHigh");
    }
}
