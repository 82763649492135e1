package lotus.app;

import java.util.Optional;
import lotus.ingest.BucketCollector;
import lotus.ingest.DominanceCollector;
import lotus.ingest.IngestService;
import lotus.ingest.SolanaCollector;
import lotus.store.BucketMembers;
import lotus.store.Database;
import lotus.store.LowcapPrices;
import lotus.store.RegimeBars;
import lotus.time.Clock;

/**
 * The per-minute collectors that run beside the Hyperliquid ingest in {@code lotus ingest} and {@code lotus run}:
 * Solana prices from DexScreener, the market-cap bucket drivers built from them, and BTC and USDT dominance from
 * CoinGecko, each when the configuration enables it.
 */
final class Collectors implements AutoCloseable {

    private final Optional<SolanaCollector> solana;
    private final Optional<BucketCollector> buckets;
    private final Optional<DominanceCollector> dominance;

    private Collectors(Optional<SolanaCollector> solana, Optional<BucketCollector> buckets,
            Optional<DominanceCollector> dominance) {
        this.solana = solana;
        this.buckets = buckets;
        this.dominance = dominance;
    }

    /** Built, not started. */
    static Collectors of(LotusConfig config, Database db, Clock clock) {
        Optional<SolanaCollector> solana = IngestAssembly.solanaCollector(config, db, clock);
        Optional<DominanceCollector> dominance = IngestAssembly.dominanceCollector(config, db, clock);
        // The bucket drivers are built from what the Solana collector stores, so they run when it does.
        Optional<BucketCollector> buckets = solana.map(s -> new BucketCollector(clock, new LowcapPrices(db),
                new RegimeBars(db), new BucketMembers(db)));
        return new Collectors(solana, buckets, dominance);
    }

    void start() {
        solana.ifPresent(SolanaCollector::start);
        buckets.ifPresent(BucketCollector::start);
        dominance.ifPresent(DominanceCollector::start);
    }

    /** The call budgets the collectors spend (DexScreener, CoinGecko), for the process's meters. */
    java.util.List<lotus.time.RateBudget> budgets() {
        java.util.List<lotus.time.RateBudget> out = new java.util.ArrayList<>();
        solana.ifPresent(s -> out.add(s.budget()));
        dominance.ifPresent(d -> out.add(d.budget()));
        return out;
    }

    /** The ingest's status, with each running collector's after it. */
    String statusLine(IngestService ingest) {
        return ingest.statusLine() + solana.map(s -> " | " + s.statusLine()).orElse("")
                + buckets.map(b -> " | " + b.statusLine()).orElse("")
                + dominance.map(d -> " | " + d.statusLine()).orElse("");
    }

    @Override
    public void close() {
        try {
            buckets.ifPresent(BucketCollector::close);
            solana.ifPresent(SolanaCollector::close);
        } finally {
            dominance.ifPresent(DominanceCollector::close);
        }
    }
}
