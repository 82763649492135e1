package lotus.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.common.Asset;
import lotus.store.Positions;
import lotus.time.Clock;
import lotus.time.ClockScheduler;
import lotus.time.Service;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading-token universe: the distinct {@code token_contract}s of {@code lowcap_positions} on
 * {@code hyperliquid}, re-read periodically. Each is resolved to the coin the API uses (a spot pair's canonical name
 * such as {@code HYPE/USDC} to {@code @107}, through {@code spotMeta}), then planned onto WebSocket or REST polling;
 * tokens join and leave the live connection without a reconnect.
 */
public final class TradingUniverse implements Service {

    private static final Logger log = LoggerFactory.getLogger(TradingUniverse.class);
    private static final long CATALOG_MIN_AGE_MS = 60_000;

    private final Positions positions;
    private final HlInfoClient info;
    private final FeedIngester feed;
    private final RestPoller poller;
    private final SubscriptionPlanner planner;
    private final int majors;
    private final Clock clock;
    private final long refreshMs;
    private final ClockScheduler threads;

    private Map<String, String> apiCoinByName = Map.of();
    private long catalogLoadedMs = Long.MIN_VALUE;
    private final Set<String> reportedUnknown = new HashSet<>();
    /** Coins on the WebSocket feed with the timeframes they were joined with. */
    private final Map<String, Set<Timeframe>> joined = new HashMap<>();
    private final AtomicLong unknownTokens = new AtomicLong();
    private volatile int websocketTokens;
    private volatile int restTokens;

    TradingUniverse(Positions positions, HlInfoClient info, FeedIngester feed, RestPoller poller,
            SubscriptionPlanner planner, int majors, Clock clock, long refreshMs) {
        this.positions = positions;
        this.info = info;
        this.feed = feed;
        this.poller = poller;
        this.planner = planner;
        this.majors = majors;
        this.clock = clock;
        this.refreshMs = refreshMs;
        this.threads = new ClockScheduler(clock, Duration.ofSeconds(5));
    }

    /** Refreshes now and then {@code refreshMs} of clock time after each refresh ends. */
    @Override
    public void start() {
        threads.repeat("trading-universe", clock.nowMs(), at -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("trading universe: refresh failed, keeping the current one: {}", e.getMessage());
            }
            return clock.nowMs() + Math.max(refreshMs, 10); // never a busy loop on a zero setting
        });
    }

    /** Reads the positions and moves tokens in and out of the feeds. */
    synchronized void refresh() {
        Map<String, Set<Timeframe>> timeframes = new HashMap<>();
        Map<String, Boolean> open = new HashMap<>();
        for (Positions.Watched p : positions.watchedOnChain("hyperliquid")) {
            timeframes.computeIfAbsent(p.tokenContract(), k -> EnumSet.noneOf(Timeframe.class)).add(p.timeframe());
            open.merge(p.tokenContract(), p.holding(), Boolean::logicalOr);
        }
        Map<String, RestPoller.Token> byCoin = new HashMap<>();
        List<SubscriptionPlanner.Candidate> candidates = new ArrayList<>();
        for (var e : timeframes.entrySet()) {
            String apiCoin = resolve(e.getKey());
            if (apiCoin == null) {
                continue;
            }
            byCoin.put(apiCoin, new RestPoller.Token(apiCoin, e.getKey(), e.getValue()));
            candidates.add(new SubscriptionPlanner.Candidate(apiCoin, open.get(e.getKey())));
        }
        SubscriptionPlanner.Plan plan = planner.plan(majors, candidates);
        Set<String> ws = new HashSet<>(plan.websocket());
        for (String coin : feed.coins()) {
            if (!ws.contains(coin)) {
                feed.leave(coin);
            }
        }
        for (String coin : plan.websocket()) {
            RestPoller.Token t = byCoin.get(coin);
            if (!t.timeframes().equals(joined.get(coin))) {
                feed.join(coin, t.tokenContract(), t.timeframes()); // new coin, or its positions' timeframes changed
                joined.put(coin, t.timeframes());
            }
        }
        joined.keySet().retainAll(ws);
        poller.setTokens(RestPoller.ordered(plan.rest(), byCoin));
        websocketTokens = plan.websocket().size();
        restTokens = plan.rest().size();
    }

    int websocketTokens() {
        return websocketTokens;
    }

    int restTokens() {
        return restTokens;
    }

    long unknownTokens() {
        return unknownTokens.get();
    }

    private String resolve(String tokenContract) {
        String coin = apiCoinByName.get(tokenContract);
        if (coin == null && (catalogLoadedMs == Long.MIN_VALUE || clock.nowMs() - catalogLoadedMs >= CATALOG_MIN_AGE_MS)) {
            loadCatalog();
            coin = apiCoinByName.get(tokenContract);
        }
        if (coin == null && reportedUnknown.add(tokenContract)) {
            unknownTokens.incrementAndGet();
            log.warn("trading universe: token '{}' is neither a perp nor a spot pair on this network; not ingested",
                    tokenContract);
        }
        return coin;
    }

    private void loadCatalog() {
        Map<String, String> names = new HashMap<>();
        for (Asset a : info.assetCatalog().assets()) {
            names.put(a.name(), a.apiCoin());
            names.putIfAbsent(a.apiCoin(), a.apiCoin());
        }
        apiCoinByName = Map.copyOf(names);
        catalogLoadedMs = clock.nowMs();
    }

    @Override
    public void close() {
        threads.close();
    }
}
