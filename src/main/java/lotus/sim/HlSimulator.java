package lotus.sim;

import io.javalin.Javalin;
import java.time.Duration;
import lotus.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Hyperliquid on 127.0.0.1: {@code POST /info}, the {@code /ws} market-data stream and {@code POST
 * /admin/fault}, all on one port and all driven by the injected {@link Clock}. Start one per test (port 0 picks a free
 * port) and hand {@link #restUrl()} and {@link #wsUrl()} to the code under test.
 */
public final class HlSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HlSimulator.class);
    private static final String HOST = "127.0.0.1";

    private final Javalin app;
    private final Pump pump;
    private final SimMarket market;
    private final SimFaults faults;
    private final SimStats stats;

    private HlSimulator(Javalin app, Pump pump, SimMarket market, SimFaults faults, SimStats stats) {
        this.app = app;
        this.pump = pump;
        this.market = market;
        this.faults = faults;
        this.stats = stats;
    }

    /** Builds the market (history included), binds 127.0.0.1:{@code port} and starts the pump. */
    public static HlSimulator start(SimConfig config, Clock clock, int port) {
        SimMarket market = new SimMarket(config, clock, true);
        SimStats stats = new SimStats();
        FaultState faultState = new FaultState();
        WsHub hub = new WsHub(config, clock, market, stats, faultState, new TradeTags(config.seed()));
        SimFaults faults = new SimFaults(hub, faultState);
        InfoRoutes info = new InfoRoutes(config, clock, market, stats);
        AdminRoutes admin = new AdminRoutes(faults);
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            // Idle connections are closed by the hub on the simulated clock; Jetty's real-time timeout stays out of it.
            cfg.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(Duration.ofHours(24)));
            cfg.router.mount(router -> {
                router.post("/info", info::handle);
                router.post("/admin/fault", admin::handle);
                router.wsBeforeUpgrade("/ws", hub::beforeUpgrade);
                router.ws("/ws", ws -> {
                    ws.onConnect(hub::onConnect);
                    ws.onMessage(hub::onMessage);
                    ws.onClose(hub::onClose);
                    ws.onError(hub::onError);
                });
            });
        });
        app.start(HOST, port);
        Pump pump = new Pump(clock, market, hub, config.pumpIntervalMs(), app.port());
        pump.start();
        LOG.info("hyperliquid simulator on http://{}:{} seed={} assets={} tradesPerSecond={}", HOST, app.port(),
                config.seed(), market.assets().size(), config.tradesPerSecond());
        return new HlSimulator(app, pump, market, faults, stats);
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

    public SimFaults faults() {
        return faults;
    }

    public SimStats stats() {
        return stats;
    }

    @Override
    public void close() {
        pump.stop();
        app.stop();
    }
}
