package lotus.app;

import java.util.List;
import lotus.exec.AccountCheck;
import lotus.exec.AgentCheck;
import lotus.exec.DeadMansSwitch;
import lotus.pm.Executor;
import lotus.exec.GatedExecutor;
import lotus.exec.HyperliquidExecutor;
import lotus.exec.HyperliquidReconciler;
import lotus.exec.Reconciler;
import lotus.pm.Settlement;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.common.HlNetwork;
import lotus.time.RateBudget;
import lotus.hyperliquid.common.UnknownAssetException;
import lotus.hyperliquid.exchange.HlExchangeClient;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.info.RefreshingCatalog;
import lotus.hyperliquid.signing.NonceAllocator;
import lotus.hyperliquid.signing.Signer;
import lotus.learning.LearningSystem;
import lotus.store.ClosedTradeStrands;
import lotus.store.LearningTables;
import lotus.risk.RiskGate;
import lotus.store.TradingStates;
import lotus.pm.PmCoreTick;
import lotus.pm.PmModule;
import lotus.pm.Venue;
import lotus.pm.RegimeFeed;
import lotus.pm.TickReport;
import lotus.store.Database;
import lotus.store.Orders;
import lotus.pm.Position;
import lotus.store.Positions;
import lotus.store.PriceDataReader;
import lotus.store.StoredPositionLedger;
import lotus.store.Strands;
import lotus.time.Clock;
import lotus.time.Timeframe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the PM from the configuration: the three routes of seed §5 ({@code hyperliquid/spot}, {@code hyperliquid/perps},
 * {@code solana/social}), their executors, the planner and the regime feed. Executors are dry-run unless the
 * configuration says {@code execution.live} (which needs a key) and the caller did not force a dry run.
 */
public final class PmAssembly implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PmAssembly.class);

    /**
     * What the process observes the PM through: where alerts go (with {@code alerts.closed_trades}) and the registry
     * {@code /metrics} serves.
     */
    public record Hooks(lotus.alert.AlertSink alerts, boolean closedTradeAlerts,
            io.micrometer.core.instrument.MeterRegistry meters) {

        /** No alerts; meters into a registry with no backend (they record nothing). */
        public static Hooks none() {
            return new Hooks(lotus.alert.AlertSink.NONE, false,
                    new io.micrometer.core.instrument.composite.CompositeMeterRegistry());
        }
    }

    private final HlInfoClient info;
    private final PmCoreTick tick;
    private final boolean live;
    private final HyperliquidExecutor hyperliquid;
    private final LearningSystem learning;

    private final List<Reconciler> reconcilers;
    private final SolanaAssembly solana;
    private final List<PmModule> modules;
    private final Positions positions;
    private final Clock clock;
    private final long reconcileIntervalMs;
    /** Ticks read, a reconcile writes: a settlement never races a tick's own write of the same order. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock orderLock =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile long lastReconcileMs = Long.MIN_VALUE;
    private final String banner;
    private final HlExchangeClient exchange;
    private final AccountWatch account;
    private final DeadMansSwitch deadMan;
    private TickAlerts tickAlerts;
    private TickMeters tickMeters;
    private EquityRecorder equity;
    private lotus.risk.StateAlerts stateAlerts;

    private PmAssembly(HlInfoClient info, PmCoreTick tick, boolean live, HyperliquidExecutor hyperliquid,
            LearningSystem learning, List<Reconciler> reconcilers, SolanaAssembly solana, List<PmModule> modules,
            Positions positions, Clock clock, java.time.Duration reconcileInterval, AccountWatch account,
            DeadMansSwitch deadMan, HlExchangeClient exchange, String banner) {
        this.exchange = exchange;
        this.banner = banner;
        this.account = account;
        this.deadMan = deadMan;
        this.info = info;
        this.tick = tick;
        this.live = live;
        this.hyperliquid = hyperliquid;
        this.learning = learning;
        this.reconcilers = List.copyOf(reconcilers);
        this.solana = solana;
        this.modules = modules;
        this.positions = positions;
        this.clock = clock;
        this.reconcileIntervalMs = reconcileInterval.toMillis();
    }

    /**
     * How long a live order may take to reach the venue, and so how old an order the venue does not know must be to be
     * settled as never placed: {@code risk.unknown_order_grace_ms}, never under 5 s.
     */
    static long orderExpiryMs(LotusConfig config) {
        return Math.max(5_000, config.risk().unknownOrderGrace().toMillis());
    }

    /** What one reconcile did: rows settled (their fills applied), rows still open, rows that failed. */
    public record Reconciled(int settled, int open, int failed) {
    }

    /**
     * Settles every open journal row with the venue and applies each settlement to its position, with the journal
     * update in the same transaction. Runs at start, after a tick with an unknown outcome, and every
     * {@code risk.reconcile_interval_s}. With nothing left in flight it also compares the account with the book;
     * every time, it pushes the dead man's switch forward.
     */
    public Reconciled reconcile() {
        if (!live) {
            // A dry run sends nothing, so it journals nothing; rows a live run left open wait for the next live run
            // (a dry run's throwaway key could not cancel them anyway).
            return new Reconciled(0, 0, 0);
        }
        orderLock.writeLock().lock();
        try {
            lastReconcileMs = clock.nowMs();
            List<Settlement> found = new java.util.ArrayList<>();
            for (Reconciler r : reconcilers) {
                found.addAll(r.settlements());
            }
            int settled = 0;
            int open = 0;
            int failed = 0;
            for (Settlement s : found) {
                if (!s.settled()) {
                    open++;
                    continue;
                }
                try {
                    if (settleOne(s)) {
                        settled++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    log.error("could not apply the settlement of order {} ({}); the next reconcile tries again: {}",
                            s.entry().cloid(), s.status().dbValue(), e.toString());
                }
            }
            if (!found.isEmpty()) {
                log.info("reconciled {} open order(s): {} settled, {} still open, {} failed", found.size(), settled,
                        open, failed);
            }
            if (open == 0 && failed == 0) {
                // Only with nothing in flight: an unsettled order is a difference the reconciler already owns.
                account.check();
            }
            deadMan.refresh();
            return new Reconciled(settled, open, failed);
        } finally {
            orderLock.writeLock().unlock();
        }
    }

    /** Reconciles when {@code risk.reconcile_interval_s} has passed since the last; the run loop calls it too. */
    public void reconcileIfDue() {
        if (live && clock.nowMs() - lastReconcileMs >= reconcileIntervalMs) {
            reconcileQuietly();
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.error("reconcile failed; it runs again at the next interval: {}", e.toString());
        }
    }

    private boolean settleOne(Settlement s) {
        Position p = s.entry().positionId() == null ? null
                : positions.find(s.entry().positionId()).orElse(null);
        PmModule module = p == null ? null : modules.stream().filter(m -> m.venue().equals(Venue.of(p)))
                .findFirst().orElse(null);
        if (module == null) {
            log.error("order {} settled {} with no position or module to apply it to; fills {}", s.entry().cloid(),
                    s.status().dbValue(), s.fills());
            return false;
        }
        if (module.settle(s, clock.nowMs()) == null) {
            return false;
        }
        tickMeters.fill(p, s.result());
        return true;
    }

    /**
     * @param forceDryRun true for {@code --dry-run}: no order is sent whatever the configuration says
     */
    public static PmAssembly build(LotusConfig config, Database db, Clock clock, boolean forceDryRun) {
        return build(config, db, clock, forceDryRun, restBudget(clock));
    }

    /**
     * The venue's 1,200 REST weight a minute per IP less a reserve of 100 for what runs beside us (a manual
     * {@code lotus account}, a second tool): one per process, shared by everything that asks Hyperliquid.
     */
    public static RateBudget restBudget(Clock clock) {
        return new RateBudget("hyperliquid-rest", 1100, clock);
    }

    /** @param weight the process's one Hyperliquid REST budget (see {@link #restBudget}) */
    public static PmAssembly build(LotusConfig config, Database db, Clock clock, boolean forceDryRun,
            RateBudget weight) {
        return build(config, db, clock, forceDryRun, weight, Hooks.none());
    }

    /** {@link #build(LotusConfig, Database, Clock, boolean, RateBudget)} with its alerts and meters. */
    public static PmAssembly build(LotusConfig config, Database db, Clock clock, boolean forceDryRun,
            RateBudget weight, Hooks hooks) {
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        boolean live = config.execution().live() && !forceDryRun;
        HlInfoClient info = new HlInfoClient(hl.endpoints().infoUrl(), weight, clock);
        try {
            return build(config, db, clock, live, weight, info, hooks);
        } catch (RuntimeException e) {
            info.close();
            throw e;
        }
    }

    private static PmAssembly build(LotusConfig config, Database db, Clock clock, boolean live, RateBudget weight,
            HlInfoClient info, Hooks hooks) {
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        RefreshingCatalog catalog = RefreshingCatalog.load(info, hl.network(), clock, hl.catalogRefresh());
        // Dry runs sign with a throwaway key: the request is built and signed exactly as live, then not sent.
        Signer signer = hl.privateKey().map(k -> Signer.fromPrivateKey(k.reveal())).orElseGet(Signer::ephemeral);
        HlExchangeClient exchange = new HlExchangeClient(hl.endpoints().restUrl(), signer,
                hl.network() == HlNetwork.MAINNET, new NonceAllocator(clock), weight, null);
        // Live, the venue says whose account the key trades: an agent needs its master, and a wrong one is refused.
        AgentCheck.Resolved resolved = live ? AgentCheck.resolveMaster(info, signer.address(), hl.accountAddress())
                : null;
        String master = resolved != null ? resolved.master() : hl.accountAddress().orElse(signer.address());
        // An order expires at the venue when the reconciler's grace ends (at least 5 s, the venue's own floor for
        // anything in flight), so "not seen after the grace" is final, never a late arrival.
        HyperliquidExecutor executor = new HyperliquidExecutor(catalog, info, exchange, master,
                HyperliquidExecutor.Settings.dryRun().withLive(live)
                        .withOrderExpiry(orderExpiryMs(config)));
        HyperliquidReconciler reconciler = new HyperliquidReconciler(new Orders(db, clock), info, exchange, master,
                clock, orderExpiryMs(config), catalog::current);
        Positions positions = new Positions(db, clock);
        TradingStates states = new TradingStates(db, clock);
        RiskGate gate = new RiskGate(config.risk().limits(), states, positions, clock, config.pm().walletUsd(),
                hooks.alerts());
        ProcessMeters.bindGate(hooks.meters(), gate);
        ProcessMeters.bindBudget(hooks.meters(), weight);
        // Every order passes the gate, dry or live: a dry run shows what live would refuse.
        Executor gatedHl = new GatedExecutor(executor, gate, live);

        PriceDataReader reader = new PriceDataReader(db);
        SolanaAssembly solana = SolanaAssembly.build(config.solana(), db, clock, live, reader, hooks.meters());
        List<Reconciler> reconcilers = new java.util.ArrayList<>(List.of(reconciler));
        solana.reconciler().ifPresent(reconcilers::add);
        Strands strands = new Strands(db, clock);
        LearningSystem learning = new LearningSystem(new ClosedTradeStrands(strands), new LearningTables(db));
        learning.catchUp();
        LotusConfig.Pm pm = config.pm();
        StoredPositionLedger ledger = new StoredPositionLedger(db, positions, strands);
        List<PmModule> modules = PmModules.build(List.of(
                new PmModules.Route(new Venue("hyperliquid", "spot"), gatedHl, p -> 0),
                new PmModules.Route(new Venue("hyperliquid", "perps"), gatedHl,
                        p -> maxLeverage(catalog, p.tokenContract())),
                new PmModules.Route(new Venue("solana", "social"),
                        new GatedExecutor(solana.executor(), gate, solana.live()), p -> 0)),
                learning, pm.walletUsd(), pm.maxLeverage(), reader, ledger);
        // Workers mostly wait on the database and the venue, so more of them than cores: eight concurrent
        // transactions let PostgreSQL group their commits (one WAL flush for several positions).
        PmCoreTick tick = new PmCoreTick(ledger, modules, new RegimeFeed(reader),
                Math.max(2, Math.min(config.db().poolSize(), 8)));
        String banner = live ? liveBanner(hl, resolved, config.risk().limits())
                + solana.banner().map(b -> System.lineSeparator() + b).orElse("") : null;
        PmAssembly assembly = new PmAssembly(info, tick, live, executor, learning, reconcilers, solana, modules,
                positions, clock, java.time.Duration.ofSeconds(config.risk().limits().reconcileIntervalS()),
                new AccountWatch(() -> new AccountCheck(catalog.current(), info, positions), gate, master,
                        hooks.alerts(), clock),
                // Three reconcile intervals ahead: a missed refresh or two never lets it fire on a live process.
                new DeadMansSwitch(exchange, clock, Math.max(DeadMansSwitch.MIN_AHEAD_MS * 2,
                        3_000L * config.risk().limits().reconcileIntervalS())), exchange, banner);
        assembly.tickAlerts = new TickAlerts(hooks.alerts(), hooks.closedTradeAlerts());
        assembly.tickMeters = new TickMeters(hooks.meters());
        assembly.equity = new EquityRecorder(new lotus.risk.RiskControls(states, positions, clock), pm.walletUsd(),
                new lotus.store.EquityHistory(db), hooks.meters());
        assembly.stateAlerts = new lotus.risk.StateAlerts(states, hooks.alerts());
        try {
            // The states as they are at start: what was set before this process is not news.
            assembly.stateAlerts.poll();
            // Before the first order: whatever a previous process left open is settled (or still blocks its position).
            assembly.reconcile();
        } catch (RuntimeException e) {
            assembly.close();
            throw e;
        }
        return assembly;
    }

    /**
     * One tick, then the lessons of any trade it closed, so the next tick sizes with them, and each book's equity at
     * the bar close for the operator page's curves.
     */
    public TickReport runTick(Timeframe tf, long barCloseMs, long nowMs) {
        TickReport report;
        orderLock.readLock().lock();
        try {
            report = tick.run(tf, barCloseMs, nowMs);
        } finally {
            orderLock.readLock().unlock();
        }
        boolean unknown = report.positions().stream().anyMatch(r -> r.execution() != null
                && r.execution().status() == lotus.pm.ExecutionResult.Status.UNKNOWN);
        if (unknown) {
            reconcileQuietly();
        } else {
            reconcileIfDue();
        }
        try {
            learning.catchUp();
        } catch (RuntimeException e) {
            // The tick's fills are written; the lessons catch up at the next tick from the strand cursor.
            log.error("learning could not catch up after tick tf={} bar_close={}; retrying next tick", tf,
                    barCloseMs, e);
        }
        tickMeters.record(report);
        // After the fills and any reconcile, so the point is the book as this tick left it.
        equity.record(barCloseMs);
        tickAlerts.observe(report, clock.nowMs());
        pollStates();
        return report;
    }

    /**
     * Alerts on every scope that entered {@code reducing} or {@code halted} since the last poll, whoever set it; after
     * each tick and from the run loop about once a second. A failed read waits for the next poll.
     */
    public void pollStates() {
        try {
            stateAlerts.poll();
        } catch (RuntimeException e) {
            log.warn("trading states not read for alerts; next poll retries: {}", e.toString());
        }
    }

    public LearningSystem learning() {
        return learning;
    }

    private static int maxLeverage(RefreshingCatalog catalog, String token) {
        try {
            Asset a = catalog.byName(token);
            return a.maxLeverage();
        } catch (UnknownAssetException e) {
            return 0;
        }
    }

    public PmCoreTick tick() {
        return tick;
    }

    public boolean live() {
        return live;
    }

    /** What a live start prints before anything else: where, for whom, signed by whom, within which limits. */
    public java.util.Optional<String> liveBanner() {
        return java.util.Optional.ofNullable(banner);
    }

    static String liveBanner(LotusConfig.Hyperliquid hl, AgentCheck.Resolved who, lotus.risk.RiskLimits l) {
        boolean agent = !who.signer().equalsIgnoreCase(who.master());
        return String.join(System.lineSeparator(),
                "LIVE TRADING on Hyperliquid " + hl.network().label() + " (" + hl.endpoints().restUrl() + ")",
                "  account " + who.master() + ", signed by " + (agent ? "agent " + who.signer() : "the account's own key"),
                "  live_scale " + l.liveScale().toPlainString() + " (every live buy is multiplied by it)",
                "  per order at most $" + l.maxOrderNotionalUsd().toPlainString() + ", " + l.maxOrdersPerMinute()
                        + " orders a minute; per token $" + l.maxTokenExposureUsd().toPlainString() + ", per book $"
                        + l.maxBookExposureUsd().toPlainString() + " and " + l.maxOpenPositionsPerBook()
                        + " open positions",
                "  daily loss stop $" + l.dailyLossStopUsd().toPlainString() + ", drawdown stop "
                        + l.maxDrawdownPct().toPlainString() + " %, halt after " + l.unknownOutcomesToHalt()
                        + " unknown outcomes in a row; ./lotus halt stops it");
    }

    public HyperliquidExecutor hyperliquidExecutor() {
        return hyperliquid;
    }

    @Override
    public void close() {
        try {
            tick.close();
            if (live) {
                deadMan.disarm();
            }
        } finally {
            exchange.close();
            info.close();
            solana.close();
        }
    }
}
