package lotus.sim;

import io.javalin.Javalin;
import java.time.Duration;
import lotus.sim.solana.SolanaMarket;
import lotus.sim.solana.SolanaVenueSim;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Hyperliquid on 127.0.0.1: {@code POST /info}, {@code POST /exchange}, the {@code /ws} stream (market data
 * and user streams) {@code POST /admin/fault}, {@code GET /admin/cloids}
 * and {@code GET /admin/stats}, and beside it the local Solana venue ({@code /dexscreener}, {@code /jupiter/swap/v1},
 * {@code /rpc}: the paths a local run's configuration defaults to), all on one port and all driven by the injected
 * {@link Clock}.
 * Start one per test (port 0 picks a free port), fund accounts through {@link #exchange()} and hand
 * {@link #restUrl()} and {@link #wsUrl()} to the code under test.
 */
public final class HlSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HlSimulator.class);
    private static final String HOST = "127.0.0.1";

    private final Javalin app;
    private final Pump pump;
    private final SimMarket market;
    private final SimExchange exchange;
    private final SimFaults faults;
    private final SimStats stats;
    private final SolanaVenueSim solana;
    private final CoinGeckoSim coinGecko;

    private HlSimulator(Javalin app, Pump pump, SimMarket market, SimExchange exchange, SimFaults faults,
            SimStats stats, SolanaVenueSim solana, CoinGeckoSim coinGecko) {
        this.app = app;
        this.pump = pump;
        this.market = market;
        this.exchange = exchange;
        this.faults = faults;
        this.stats = stats;
        this.solana = solana;
        this.coinGecko = coinGecko;
    }

    /** Builds the market (history included), binds 127.0.0.1:{@code port} and starts the pump. */
    public static HlSimulator start(SimConfig config, Clock clock, int port) {
        SimMarket market = new SimMarket(config, clock, true);
        SimStats stats = new SimStats();
        FaultState faultState = new FaultState();
        TradeTags tags = new TradeTags(config.seed());
        UserOutbox outbox = new UserOutbox();
        SimExchange exchange = new SimExchange(config, market, stats, outbox, tags);
        WsHub hub = new WsHub(config, clock, market, stats, faultState, tags, exchange, outbox);
        SimFaults faults = new SimFaults(hub, faultState);
        RestBudget budget = new RestBudget(config.limits(), stats);
        InfoRoutes info = new InfoRoutes(config, clock, market, budget, new AccountAnswers(exchange));
        ExchangeRoutes exchangeRoutes = new ExchangeRoutes(config, clock, exchange, budget, faultState, stats);
        AdminRoutes admin = new AdminRoutes(faults, exchange, stats);
        SolanaVenueSim solana = new SolanaVenueSim(clock, config.seed(), config.solanaTokens());
        // The dominance walks from the start of the market's history, so a stand-in history of them moves as the
        // prices' history does.
        CoinGeckoSim coinGecko = new CoinGeckoSim(clock, config.seed(), CoinGeckoSim.PER_MINUTE,
                clock.nowMs() - config.historyMinutes() * 60_000L);
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            // Idle connections are closed by the hub on the simulated clock; Jetty's real-time timeout stays out of it.
            cfg.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(Duration.ofHours(24)));
            cfg.router.mount(router -> {
                router.post("/info", info::handle);
                router.post("/exchange", exchangeRoutes::handle);
                router.post("/admin/fault", admin::handle);
                router.get("/admin/cloids", admin::cloids);
                router.get("/admin/stats", admin::stats);
                router.wsBeforeUpgrade("/ws", hub::beforeUpgrade);
                router.ws("/ws", ws -> {
                    ws.onConnect(hub::onConnect);
                    ws.onMessage(hub::onMessage);
                    ws.onClose(hub::onClose);
                    ws.onError(hub::onError);
                });
                solana.mount(router);
                coinGecko.mount(router, COINGECKO_PREFIX);
            });
        });
        app.start(HOST, port);
        Pump pump = new Pump(clock, market, hub, exchange, config.pumpIntervalMs(), app.port());
        pump.start();
        LOG.info("hyperliquid simulator on http://{}:{} seed={} assets={} tradesPerSecond={} signing={}"
                + " solanaTokens={}", HOST, app.port(), config.seed(), market.assets().size(),
                config.tradesPerSecond(), config.signingMainnet() ? "mainnet" : "testnet", solana.tokens().size());
        return new HlSimulator(app, pump, market, exchange, faults, stats, solana, coinGecko);
    }

    public int port() {
        return app.port();
    }

    public String restUrl() {
        return "http://" + HOST + ":" + port();
    }

    public String wsUrl() {
        return "ws://" + HOST + ":" + port() + "/ws";
    }

    public SimMarket market() {
        return market;
    }

    /** The Solana tokens' prices and pools, the one source of the DexScreener, Jupiter and RPC answers. */
    public SolanaMarket solanaMarket() {
        return solana.market();
    }

    /** CoinGecko's {@code /api/v3/global} (BTC and USDT dominance) under this prefix, on the same port. */
    public static final String COINGECKO_PREFIX = "/coingecko";

    /** CoinGecko's dominance paths, for a stand-in history of them and for tests. */
    public CoinGeckoSim coinGecko() {
        return coinGecko;
    }

    /** The Solana venue's services, for tests that steer or inspect them. */
    public SolanaVenueSim solana() {
        return solana;
    }

    /** Accounts: funding, agents and read-back for tests. */
    public SimExchange exchange() {
        return exchange;
    }

    public SimFaults faults() {
        return faults;
    }

    public SimStats stats() {
        return stats;
    }

    /**
     * The clock time up to which the market has printed its trades and the hub has sent them (frames may still be on
     * the wire); {@link Long#MIN_VALUE} before the first step. A lockstep driver waits for this to reach a stopped
     * clock before it reads the books or the ingested bars.
     */
    public long steppedToMs() {
        return pump.steppedToMs();
    }

    @Override
    public void close() {
        pump.close();
        app.stop();
    }
}
