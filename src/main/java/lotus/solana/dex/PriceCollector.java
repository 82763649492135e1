package lotus.solana.dex;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lotus.solana.common.Mints;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection cycle of SOLANA.md §2.5–2.6: the tracked tokens due this minute (the hot ones and WSOL every minute,
 * the rest by {@link TierSchedule}), sorted into chunks of at most 30, priced by {@link PairPicker} and turned into
 * points by {@link PointBuilder}, WSOL's first so every other native price is in SOL. Orchestration only: the
 * universe, the answers and the points' destination are ports. With no tracked token it makes no call. One thread at
 * a time.
 */
public final class PriceCollector {

    /** A token to collect; a hot one (an active or watchlist position on 1m) is collected every minute. */
    public record Tracked(String mint, boolean hot) {
    }

    @FunctionalInterface
    public interface Universe {
        List<Tracked> tokens();
    }

    /** DexScreener's answers for sorted mints, one outcome per chunk of at most 30. */
    @FunctionalInterface
    public interface Source {
        List<DexScreenerClient.Chunk> tokens(List<String> sortedMints) throws InterruptedException;
    }

    @FunctionalInterface
    public interface PointSink {
        void accept(long cycle, int interval, List<PricePoint> points);
    }

    /**
     * What one cycle did.
     *
     * @param tokens  tracked tokens (WSOL only when a position tracks it): the N of the tier interval
     * @param noPoint why a priced token still gave no point ({@code no_native_price}, {@code no_usd_price})
     */
    public record Cycle(long cycle, int tokens, int interval, int due, int chunks, int failedChunks, int notIndexed,
            int points, Map<String, Integer> noPoint) {
    }

    private static final Logger log = LoggerFactory.getLogger(PriceCollector.class);

    private final Universe universe;
    private final Source source;
    private final PointSink sink;
    private final Clock clock;
    private final int tierSize;
    private final Map<String, String> lastPair = new HashMap<>();
    private final Map<String, BigDecimal> lastLiquidity = new HashMap<>();
    private int lastInterval;

    public PriceCollector(Universe universe, Source source, PointSink sink, Clock clock, int tierSize) {
        TierSchedule.interval(0, tierSize); // rejects a tier size below 1 at construction
        this.universe = universe;
        this.source = source;
        this.sink = sink;
        this.clock = clock;
        this.tierSize = tierSize;
    }

    /** Collects the tokens due in the clock's current minute and hands their points to the sink. */
    public Cycle runCycle() throws InterruptedException {
        long cycle = TierSchedule.cycle(clock.nowMs());
        List<Tracked> tracked = universe.tokens();
        int interval = TierSchedule.interval(tracked.size(), tierSize);
        if (interval != lastInterval) {
            log.info("solana tier tokens={} interval={}", tracked.size(), interval);
            lastInterval = interval;
        }
        if (tracked.isEmpty()) {
            // WSOL alone prices nothing we store bars for: a process without Solana positions makes no call.
            return new Cycle(cycle, 0, interval, 0, 0, 0, 0, 0, Map.of());
        }
        TreeSet<String> due = new TreeSet<>();
        due.add(Mints.WSOL); // every minute: it prices every native price
        for (Tracked t : tracked) {
            if (t.hot() || TierSchedule.due(t.mint(), cycle, interval)) {
                due.add(t.mint());
            }
        }
        List<DexScreenerClient.Chunk> chunks = source.tokens(List.copyOf(due));

        Map<String, Integer> noPoint = new TreeMap<>();
        int failed = 0;
        int notIndexed = 0;
        List<PricePoint> points = new ArrayList<>();
        BigDecimal solUsd = null;
        for (DexScreenerClient.Chunk c : chunks) {
            if (c instanceof DexScreenerClient.Answered a && a.mints().contains(Mints.WSOL)) {
                Optional<PricePoint> sol = point(Mints.WSOL, a, null, noPoint);
                if (sol.isPresent()) {
                    points.add(sol.get());
                    solUsd = sol.get().priceUsd();
                }
            }
        }
        for (DexScreenerClient.Chunk c : chunks) {
            switch (c) {
                case DexScreenerClient.Failed f -> failed++;
                case DexScreenerClient.Answered a -> {
                    notIndexed += a.notIndexed().size();
                    for (String mint : a.mints()) {
                        if (!mint.equals(Mints.WSOL)) {
                            point(mint, a, solUsd, noPoint).ifPresent(points::add);
                        }
                    }
                }
            }
        }
        forgetUntracked(tracked);
        sink.accept(cycle, interval, points);
        return new Cycle(cycle, tracked.size(), interval, due.size(), chunks.size(), failed, notIndexed,
                points.size(), Map.copyOf(noPoint));
    }

    private Optional<PricePoint> point(String mint, DexScreenerClient.Answered answer, BigDecimal solUsd,
            Map<String, Integer> noPoint) {
        Optional<DexPair> pair = PairPicker.pick(mint, answer.pairs());
        if (pair.isEmpty()) {
            return Optional.empty(); // not indexed: counted by the client
        }
        String address = pair.get().pairAddress();
        String before = lastPair.put(mint, address);
        if (before != null && !before.equals(address)) {
            // A switch between pools can put a step into the series (SOLANA.md §2.3).
            log.info("solana pair switch mint={} from={} to={}", mint, before, address);
        }
        PointBuilder.Outcome outcome = PointBuilder.build(mint, pair.get(), solUsd, lastLiquidity.get(mint),
                answer.arrivedAtMs());
        return switch (outcome) {
            case PointBuilder.Built b -> {
                lastLiquidity.put(mint, b.point().liquidityUsd());
                yield Optional.of(b.point());
            }
            case PointBuilder.NoPoint n -> {
                noPoint.merge(n.reason(), 1, Integer::sum);
                yield Optional.empty();
            }
        };
    }

    private void forgetUntracked(List<Tracked> tracked) {
        Set<String> keep = new HashSet<>();
        keep.add(Mints.WSOL);
        tracked.forEach(t -> keep.add(t.mint()));
        lastPair.keySet().retainAll(keep);
        lastLiquidity.keySet().retainAll(keep);
    }
}
