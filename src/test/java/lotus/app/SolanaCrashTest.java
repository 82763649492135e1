package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import lotus.hyperliquid.signing.Signer;
import lotus.market.Bar;
import lotus.pm.ExitScenario;
import lotus.pm.JournalEntry;
import lotus.pm.OrderStatus;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.sim.solana.FixedPrices;
import lotus.sim.solana.JupiterSim;
import lotus.sim.solana.Ledger;
import lotus.sim.solana.RpcSimSettings;
import lotus.sim.solana.SolanaRpcSim;
import lotus.sim.solana.SwapRegistry;
import lotus.solana.common.Base58;
import lotus.solana.common.Mints;
import lotus.solana.rpc.RpcClient;
import lotus.solana.rpc.SignatureStatus;
import lotus.solana.tx.SolanaKeypair;
import lotus.store.Database;
import lotus.store.Orders;
import lotus.store.Positions;
import lotus.store.SwapAttempts;
import lotus.store.TestDatabases;
import lotus.time.Clock;
import lotus.time.RateBudget;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Solana half of the crash test: {@code lotus tick} runs live, as its own JVM, against the simulated Jupiter and
 * chain (on the system clock, like the child), and dies at each point of the swap path; then fresh processes start,
 * reconcile and tick until the journal has nothing open. The position's emergency exit must sell the wallet's tokens
 * at most once (one landed attempt, the USDC of one swap), every journal row must end settled, and the book must end
 * where the chain is.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class SolanaCrashTest {

    private static final String MASTER_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String AGENT_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
    private static final Timeframe TF = Timeframe.H1;
    private static final int BARS = 400;
    private static final long KEY_SEED = 20_260_101L;
    private static final String TOKEN = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";
    private static final BigDecimal HELD = new BigDecimal("5000");
    private static final BigInteger HELD_RAW = HELD.movePointRight(9).toBigIntegerExact();
    private static final BigInteger USDC_RAW = BigInteger.valueOf(100_000_000);
    /** 5,000 tokens at $0.002 = $10 into a $990 pool: 10 / (990 + 10) = 1 % impact, so 9.9 USDC. */
    private static final BigInteger USDC_OF_ONE_SALE = BigInteger.valueOf(9_900_000);
    private static final long SOL_LAMPORTS = 1_000_000_000L;

    /**
     * Where the first process dies, whether the swap reaches the chain from there, and how many restarts settle it.
     * A swap signed but never sent needs two: the first restart's reconcile sends the stored bytes (the blockhash is
     * still valid) and leaves the intent open while they may land; the second finds them landed.
     */
    enum Point {
        AFTER_JOURNAL("after_journal", false, 1),
        AFTER_SIGNED("solana_after_signed", true, 2),
        AFTER_SEND("solana_after_send", true, 1),
        DURING_FILL_WRITE("during_fill_write", true, 1);

        final String failPoint;
        final boolean reachesChain;
        final int restarts;

        Point(String failPoint, boolean reachesChain, int restarts) {
            this.failPoint = failPoint;
            this.reachesChain = reachesChain;
            this.restarts = restarts;
        }
    }

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    private HlSimulator hl;
    private String master;
    private final Ledger ledger = new Ledger();
    private SolanaRpcSim chain;
    private JupiterSim jupiter;
    private Javalin solana;
    private String solanaUrl;
    private RpcClient rpc;
    private ChildDatabases databases;
    private final AtomicInteger processes = new AtomicInteger();

    @BeforeEach
    void start() {
        if (kind == TestDatabases.Kind.POSTGRESQL) {
            TestDatabases.postgresUrl(); // skips (or fails in CI) without PostgreSQL
        }
        databases = new ChildDatabases(kind, dir);
        // PmAssembly reads Hyperliquid's catalog and checks the agent even when only Solana trades. Nine processes in
        // half a minute, four at a time, each reading the catalog and the account, may pass the venue's 1,200 weight
        // a minute per IP, which is not what this test is about.
        hl = HlSimulator.start(SimConfig.defaults(31).withTradesPerSecond(1).withKeepTrades(false)
                .withLimits(SimConfig.Limits.hyperliquid().withRestWeightPerMinute(12_000)), Clock.system(), 0);
        master = Signer.fromPrivateKey(MASTER_KEY).address();
        hl.exchange().fundUsdc(master, new BigDecimal("1000000"));
        hl.exchange().approveAgent(Signer.fromPrivateKey(AGENT_KEY).address(), master);

        FixedPrices prices = new FixedPrices(TOKEN, "0.002", 9, "990");
        SwapRegistry registry = new SwapRegistry();
        chain = new SolanaRpcSim(Clock.system(), 7, prices, registry, ledger, RpcSimSettings.defaults());
        jupiter = new JupiterSim(Clock.system(), 7, prices, chain, registry, JupiterSim.Settings.defaults());
        solana = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.router.mount(router -> {
                jupiter.mount(router, JupiterSim.PREFIX);
                chain.mount(router, "/rpc");
            });
        }).start("127.0.0.1", 0);
        solanaUrl = "http://127.0.0.1:" + solana.port();
        rpc = new RpcClient(solanaUrl + "/rpc", new RateBudget("test-rpc", 100_000, Clock.system()), Clock.system(),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        if (databases != null) {
            databases.close();
        }
        if (solana != null) {
            solana.stop();
        }
        if (hl != null) {
            hl.close();
        }
    }

    @Test
    void everyCrashPointOfASwapSellsTheWalletOnceAndSettlesTheJournal() throws Exception {
        long started = System.nanoTime();
        // The points run side by side, each with its own database and wallet: their processes mostly wait (a JVM
        // starting, the chain's next block), so the four take little longer than the slowest.
        ExecutorService pool = Executors.newFixedThreadPool(Point.values().length);
        List<Future<List<String>>> runs = new ArrayList<>();
        for (Point point : Point.values()) {
            runs.add(pool.submit(() -> crashAndRestart(point)));
        }
        pool.shutdown();
        List<String> attempted = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (Future<List<String>> run : runs) {
            try {
                attempted.addAll(run.get()); // a point's run returns or throws only once its last child has ended
            } catch (ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        if (!failures.isEmpty()) {
            AssertionError failed = new AssertionError(failures.size() + " crash point(s) failed", failures.get(0));
            failures.subList(1, failures.size()).forEach(failed::addSuppressed);
            throw failed;
        }
        // Nothing reached the chain unjournalled: every signature it received is an attempt, each swap built once.
        assertThat(Set.copyOf(sends())).isEqualTo(Set.copyOf(attempted));
        assertThat(jupiter.requests(JupiterSim.Endpoint.SWAP)).hasSize(attempted.size());
        System.out.printf(Locale.ROOT, "solana crash test (%s): %d points, %d processes, %.1f s%n", kind,
                Point.values().length, processes.get(), (System.nanoTime() - started) / 1e9);
    }

    /** One point's run on its own database and wallet; the signatures of its attempts. */
    private List<String> crashAndRestart(Point point) throws Exception {
        String label = point.name().toLowerCase(Locale.ROOT);
        Database db = databases.open(label);
        Positions positions = new Positions(db, Clock.system());
        Orders journal = new Orders(db, Clock.system());
        SwapAttempts attempts = new SwapAttempts(db, Clock.system());
        // A wallet of its own per point, so each point's balances say what that point did.
        byte[] keypair = keypair(KEY_SEED + point.ordinal());
        String wallet = SolanaKeypair.of(keypair).address();
        ledger.fundSol(wallet, SOL_LAMPORTS);
        ledger.fundToken(wallet, Mints.USDC, USDC_RAW);
        ledger.fundToken(wallet, TOKEN, HELD_RAW);
        long t0 = TF.floor(System.currentTimeMillis()) - BARS * TF.durationMs();
        List<Bar> bars = ExitScenario.decline(TOKEN, "solana", TF, t0, BARS, 0.0045);
        Position p = ExitScenario.holding(db, positions, TOKEN, "solana", "social", bars, HELD);
        Path config = config(label, keyFile(label, keypair));

        int first = lotusTick(config, point.failPoint, label + "-first", keypair);
        assertThat(first).as("the first process dies at " + point.failPoint).isEqualTo(137);
        int restarts = 0;
        while (!journal.open().isEmpty() && restarts < 3) {
            awaitChain(signatures(journal, attempts));
            restarts++;
            assertThat(lotusTick(config, null, label + "-restart-" + restarts, keypair)).as(label + " restart")
                    .isZero();
        }

        List<JournalEntry> rows = journal.inStatus(EnumSet.allOf(OrderStatus.class));
        assertThat(journal.open()).as(label + ": every journal row settled").isEmpty();
        assertThat(restarts).as(label + ": restarts until settled").isEqualTo(point.restarts);
        assertThat(rows).as(label).singleElement().extracting(JournalEntry::venue).isEqualTo("solana");
        List<SwapAttempts.Attempt> all = rows.stream().flatMap(e -> attempts.of(e.cloid()).stream()).toList();
        chain.settle();
        Position after = positions.find(p.id()).orElseThrow();
        assertThat(after.features().pendingOrder()).as(label).isNull();
        if (point.reachesChain) {
            assertThat(rows.get(0).status()).as(label).isEqualTo(OrderStatus.FILLED);
            assertThat(all).as(label + ": one attempt, landed").singleElement()
                    .extracting(SwapAttempts.Attempt::state).isEqualTo(SwapAttempts.State.LANDED_OK);
            assertThat(sends()).as(label + ": sent").contains(all.get(0).signature());
            assertThat(ledger.token(wallet, TOKEN)).as(label).isZero();
            assertThat(ledger.token(wallet, Mints.USDC)).as(label).isEqualTo(USDC_RAW.add(USDC_OF_ONE_SALE));
            assertThat(after.quantity()).as(label).isZero();
            assertThat(after.status()).as(label).isEqualTo(PositionStatus.WATCHLIST);
            assertThat(after.completedTrades()).as(label).hasSize(1);
        } else {
            // Nothing was signed: the intent is cancelled and the exit waits for the engine's next signal.
            assertThat(rows.get(0).status()).as(label).isEqualTo(OrderStatus.CANCELLED);
            assertThat(all).as(label).isEmpty();
            assertThat(ledger.token(wallet, TOKEN)).as(label).isEqualTo(HELD_RAW);
            assertThat(ledger.token(wallet, Mints.USDC)).as(label).isEqualTo(USDC_RAW);
            assertThat(after.quantity()).as(label).isEqualByComparingTo(HELD);
            assertThat(after.completedTrades()).as(label).isEmpty();
        }
        return all.stream().map(SwapAttempts.Attempt::signature).toList();
    }

    /** The signatures of a point's attempts that the chain has received. */
    private List<String> signatures(Orders journal, SwapAttempts attempts) {
        List<String> received = sends();
        return journal.inStatus(EnumSet.allOf(OrderStatus.class)).stream()
                .flatMap(e -> attempts.of(e.cloid()).stream()).map(SwapAttempts.Attempt::signature)
                .filter(received::contains).toList();
    }

    /** Every signature the chain received, in order (re-sends repeat theirs). */
    private List<String> sends() {
        return chain.requests().stream().filter(r -> r.method().equals("sendTransaction"))
                .map(SolanaRpcSim.Request::signature).toList();
    }

    /**
     * Waits until every one of these signatures is confirmed (or failed, or past its blockhash): a restart
     * sooner would find it still landing and leave the intent open. One block lands it and one confirms it, so this
     * takes about a second of real time.
     */
    private void awaitChain(List<String> signatures) throws Exception {
        if (signatures.isEmpty()) {
            return;
        }
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            List<Optional<SignatureStatus>> statuses = rpc.signatureStatuses(signatures, true);
            if (statuses.stream().allMatch(s -> s.isPresent() && (s.get().confirmed() || s.get().failed()))) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("the chain settles " + signatures).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** A solana-keygen keypair: the seed (from {@code seed}, printed in failures), then its public key. */
    private static byte[] keypair(long seed) {
        byte[] secret = new byte[32];
        new Random(seed).nextBytes(secret);
        byte[] out = new byte[64];
        System.arraycopy(secret, 0, out, 0, 32);
        System.arraycopy(SolanaKeypair.fromSeed(secret).publicKey(), 0, out, 32, 32);
        return out;
    }

    private Path keyFile(String label, byte[] keypair) throws IOException {
        Path file = dir.resolve(label + "-id.json");
        Files.writeString(file, "[" + numbers(keypair, 64) + "]", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The first {@code n} bytes as solana-keygen writes them, without the brackets: {@code 12,255,...}. */
    private static String numbers(byte[] bytes, int n) {
        return IntStream.range(0, n).mapToObj(i -> Integer.toString(bytes[i] & 0xff))
                .collect(Collectors.joining(","));
    }

    private Path config(String label, Path keyFile) throws IOException {
        Path file = dir.resolve(label + ".yaml");
        Files.writeString(file, String.join("\n",
                "db:",
                "  url: \"" + databases.childUrl(label) + "\"",
                "  pool_size: 2",
                "hyperliquid:",
                "  network: local",
                "  rest_url: \"" + hl.restUrl() + "\"",
                "  ws_url: \"" + hl.wsUrl() + "\"",
                "  account_address: \"" + master + "\"",
                "execution:",
                "  live: true",
                "solana:",
                "  live: true",
                "  jupiter_url: \"" + solanaUrl + JupiterSim.PREFIX + "\"",
                "  rpc_url: \"" + solanaUrl + "/rpc\"",
                "  dexscreener_url: \"" + solanaUrl + "/dexscreener\"",
                "  keypair_file: \"" + keyFile + "\"",
                "  collector:",
                "    enabled: false",
                ""), StandardCharsets.UTF_8);
        // Nothing the child calls may leave the machine: every Solana endpoint it will use is ours, on loopback.
        LotusConfig.Solana s = ConfigLoader.load(file, Map.of("HL_PRIVATE_KEY", AGENT_KEY)).config().solana();
        assertThat(List.of(s.jupiterUrl(), URI.create(s.rpcUrl().orElseThrow().reveal()),
                URI.create(s.collector().dexscreenerUrl()))).extracting(URI::getHost).containsOnly("127.0.0.1");
        assertThat(s.live()).isTrue();
        assertThat(s.collector().enabled()).isFalse();
        return file;
    }

    /** {@code lotus tick --timeframe 1h} live in its own JVM; its exit code (137 when a fail point halted it). */
    private int lotusTick(Path config, String failPoint, String label, byte[] keypair) throws Exception {
        processes.incrementAndGet();
        ChildLotus.Ran ran = ChildLotus.run(dir.resolve(label + ".log"), failPoint, Map.of("HL_PRIVATE_KEY", AGENT_KEY),
                "--config", config.toString(), "tick", "--timeframe", TF.label());
        assertNoSecret(ran.output(), label, keypair);
        if (ran.exitCode() != 0 && ran.exitCode() != 137) {
            throw new AssertionError("lotus tick (" + label + ") exited " + ran.exitCode() + "; its output: "
                    + ran.output());
        }
        return ran.exitCode();
    }

    /**
     * Neither key in any form (any 16 characters of the Hyperliquid key, of the Solana seed in hex, of the keypair's
     * base58 export or base64), nor the keypair file's numbers, nor the database password, in what the process wrote.
     */
    private static void assertNoSecret(String output, String label, byte[] keypair) {
        String lower = output.toLowerCase(Locale.ROOT);
        assertNoWindow(lower, AGENT_KEY.substring(2), label + ": the Hyperliquid key");
        assertNoWindow(lower, HexFormat.of().formatHex(keypair, 0, 32), label + ": the Solana seed in hex");
        assertNoWindow(output, Base58.encode(keypair), label + ": the keypair's base58 export");
        assertNoWindow(output, Base64.getEncoder().encodeToString(keypair).substring(0, 43),
                label + ": the keypair in base64");
        assertThat(output.replace(" ", "")).as(label + ": the keypair file's numbers")
                .doesNotContain(numbers(keypair, 8));
        assertThat(output).as(label).doesNotContain(ChildDatabases.PASSWORD);
    }

    private static void assertNoWindow(String text, String secret, String what) {
        for (int i = 0; i + 16 <= secret.length(); i++) {
            assertThat(text).as("%s, 16 characters at %d", what, i).doesNotContain(secret.substring(i, i + 16));
        }
    }
}
