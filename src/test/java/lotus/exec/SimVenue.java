package lotus.exec;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.pm.Decision;
import lotus.pm.DecisionType;
import lotus.pm.OrderTicket;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.store.Database;
import lotus.store.Orders;
import lotus.time.RateBudget;
import lotus.time.SimulatedClock;

/**
 * A simulated Hyperliquid with our master account funded and its agent approved, and the clients that reach it over
 * sockets, sharing one weight budget: what the spot executor tests trade against.
 */
final class SimVenue implements AutoCloseable {

    static final String AGENT_KEY = "0x822e9959e022b78423eb653a62ea0020cd283e71a2a8133a6ff2aeffaf373cff";
    static final String MASTER = "0x14791697260e4c9a71f18484c9f997b308e59325";
    static final String AGENT = "0xe5ca49fb3bd9a581f0d1ef9cb5d7177da08bf901";

    final HlSimulator sim;
    final HlInfoClient info;
    final HlExchangeClient exchange;

    SimVenue(SimConfig config, SimulatedClock clock, BigDecimal fundedUsdc) {
        sim = HlSimulator.start(config, clock, 0);
        sim.exchange().fundUsdc(MASTER, fundedUsdc);
        sim.exchange().approveAgent(AGENT, MASTER);
        RateBudget weight = new RateBudget("w", 1200, clock);
        info = new HlInfoClient(URI.create(sim.restUrl() + "/info"), weight, clock);
        exchange = new HlExchangeClient(URI.create(sim.restUrl()), Signer.fromPrivateKey(AGENT_KEY), false,
                new NonceAllocator(clock), weight, null);
    }

    /** An executor for the master's account with {@code settings}. */
    HyperliquidExecutor executor(HyperliquidExecutor.Settings settings) {
        return new HyperliquidExecutor(info.assetCatalog(), info, exchange, MASTER, settings);
    }

    /** The master's balance of a spot pair's base token, as the venue reports it. */
    BigDecimal spotBalance(Asset pair) {
        int token = info.assetCatalog().spotBase(pair).tokenIndex();
        return info.spotAccount(MASTER).byToken(token).map(b -> b.total()).orElse(BigDecimal.ZERO);
    }

    /** A buy of {@code tokens} at {@code px}: the notional the spot tests' entries ask for. */
    static Decision buyOf(BigDecimal tokens, BigDecimal px) {
        return Decision.buy(DecisionType.ENTRY, BigDecimal.ONE, tokens.multiply(px), List.of(), 0);
    }

    /** A full exit. */
    static Decision exit() {
        return Decision.sell(DecisionType.EMERGENCY_EXIT, BigDecimal.ONE, List.of());
    }

    /** A ticket for position {@code positionId}'s decision at {@code barClose}, journalling into {@code journal}. */
    static OrderTicket journalled(Database db, Orders journal, long positionId, long barClose, DecisionType type) {
        String cloid = OrderTicket.cloid(positionId, barClose, type, 0);
        return new OrderTicket(cloid, (venue, request) -> db.inTransaction(c -> journal.recordIntent(c, cloid, venue,
                positionId, barClose, type.label(), request)));
    }

    @Override
    public void close() {
        exchange.close();
        info.close();
        sim.close();
    }
}
