package lotus.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.Optional;
import lotus.coingecko.CoinGeckoClient;
import lotus.ingest.DominanceCollector;
import lotus.ingest.IngestConfig;
import lotus.ingest.IngestService;
import lotus.ingest.SolanaCollector;
import lotus.solana.dex.DexScreenerClient;
import lotus.store.Database;
import lotus.store.LowcapPrices;
import lotus.store.Positions;
import lotus.store.RegimeBars;
import lotus.time.Clock;
import lotus.time.RateBudget;

/** The ingest as the configuration asks for it: what {@code lotus ingest} and {@code lotus run} start. */
public final class IngestAssembly {

    /** What {@link #runUntilStopped} reports; the command prints each as it comes. */
    public sealed interface Event {
    }

    /** Every {@code statusEvery}: the time, then the ingest's counters. */
    public record Status(String line) implements Event {
    }

    /** From the shutdown hook, before the ingest closes. */
    public record Stopping() implements Event {
    }

    /** From the shutdown hook, once the ingest has flushed its bars. */
    public record Stopped(long barsWritten) implements Event {
    }

    private IngestAssembly() {
    }

    /** Both ingesters on the configured network, with its majors and late-trade grace. */
    public static IngestService.Settings settings(LotusConfig config) {
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        return IngestService.Settings.defaults(hl.endpoints(), hl.symbols())
                .withIngest(IngestConfig.defaults().withLateGrace(config.rollup().lateGrace()));
    }

    /**
     * The Solana price collector when {@code solana.collector.enabled}, not yet started. It makes no call while no
     * Solana position is open.
     */
    public static Optional<SolanaCollector> solanaCollector(LotusConfig config, Database db, Clock clock) {
        LotusConfig.Collector solana = config.solana().collector();
        if (!solana.enabled()) {
            return Optional.empty();
        }
        RateBudget budget = new RateBudget("dexscreener", solana.budgetPerMinute(), clock);
        DexScreenerClient client = new DexScreenerClient(solana.dexscreenerUrl(), budget, clock,
                DexScreenerClient.DEFAULT_TIMEOUT, clock.nowMs());
        return Optional.of(new SolanaCollector(clock, new Positions(db, clock), new LowcapPrices(db), client, budget,
                new SolanaCollector.Settings(solana.tierSize(), SolanaCollector.Settings.DEFAULT
                        .partialThresholds())));
    }

    /** The dominance collector when {@code coingecko.enabled}, not yet started, against {@code coingecko.url}. */
    public static Optional<DominanceCollector> dominanceCollector(LotusConfig config, Database db, Clock clock) {
        LotusConfig.CoinGecko cg = config.coinGecko();
        if (!cg.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new DominanceCollector(clock, new CoinGeckoClient(cg.url(), cg.apiKey().map(Secret::reveal),
                new RateBudget("coingecko", cg.callsPerMinute(), clock), clock, CoinGeckoClient.DEFAULT_TIMEOUT),
                new RegimeBars(db)));
    }

    /**
     * {@code lotus ingest}: both ingesters and the collectors (Solana prices, dominance) into the configured database
     * until the JVM is told to stop (Ctrl-C).
     */
    public static void runUntilStopped(LotusConfig config, Clock clock, Duration statusEvery, Consumer<Event> events)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (Database db = Database.open(config.db().url(), config.db().poolSize())) {
            db.migrate();
            IngestService service = IngestService.start(db, clock, settings(config));
            Collectors collectors = Collectors.of(config, db, clock);
            collectors.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                events.accept(new Stopping());
                collectors.close();
                service.close();
                events.accept(new Stopped(service.writer().barsWritten()));
                stopped.countDown();
            }, "ingest-shutdown"));
            while (!stopped.await(statusEvery.toSeconds(), TimeUnit.SECONDS)) {
                events.accept(new Status(clock.now() + " " + collectors.statusLine(service)));
            }
        }
    }
}
