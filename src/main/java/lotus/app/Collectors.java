package lotus.app;

import java.util.Optional;
import lotus.coingecko.CoinGeckoClient;
import lotus.ingest.DominanceCollector;
import lotus.ingest.IngestService;
import lotus.ingest.SolanaCollector;
import lotus.store.Database;
import lotus.store.RegimeBars;
import lotus.time.Clock;
import lotus.time.RateBudget;

/**
 * The per-minute collectors that run beside the Hyperliquid ingest in {@code lotus ingest} and {@code lotus run}:
 * Solana prices from DexScreener and BTC and USDT dominance from CoinGecko, each when the configuration enables it.
 */
final class Collectors implements AutoCloseable {

    private final Optional<SolanaCollector> solana;
    private final Optional<DominanceCollector> dominance;

    private Collectors(Optional<SolanaCollector> solana, Optional<DominanceCollector> dominance) {
        this.solana = solana;
        this.dominance = dominance;
    }

    /** Built, not started. */
    static Collectors of(LotusConfig config, Database db, Clock clock) {
        Optional<SolanaCollector> solana = IngestAssembly.solanaCollector(config, db, clock);
        LotusConfig.CoinGecko cg = config.coinGecko();
        Optional<DominanceCollector> dominance = cg.enabled() ? Optional.of(new DominanceCollector(clock,
                new CoinGeckoClient(cg.url(), cg.apiKey().map(Secret::reveal),
                        new RateBudget("coingecko", cg.callsPerMinute(), clock), clock,
                        CoinGeckoClient.DEFAULT_TIMEOUT), new RegimeBars(db))) : Optional.empty();
        return new Collectors(solana, dominance);
    }

    void start() {
        solana.ifPresent(SolanaCollector::start);
        dominance.ifPresent(DominanceCollector::start);
    }

    /** The ingest's status, with each running collector's after it. */
    String statusLine(IngestService ingest) {
        return ingest.statusLine() + solana.map(s -> " | " + s.statusLine()).orElse("")
                + dominance.map(d -> " | " + d.statusLine()).orElse("");
    }

    @Override
    public void close() {
        try {
            solana.ifPresent(SolanaCollector::close);
        } finally {
            dominance.ifPresent(DominanceCollector::close);
        }
    }
}
