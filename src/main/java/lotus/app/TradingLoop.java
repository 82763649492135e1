package lotus.app;

import java.util.EnumSet;
import java.util.function.Consumer;
import lotus.time.RateBudget;
import lotus.ingest.IngestService;
import lotus.pm.TickReport;
import lotus.store.Database;
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * What {@code lotus run} runs, on any clock: both ingesters and the PM on one Hyperliquid REST budget (the venue
 * counts weight per IP), a PM Core Tick at every bar close of every timeframe plus {@code pm.settle_ms}, and the
 * reconciler on its interval even when no tick is due. Closing stops the ticks first (a running tick finishes), then
 * the ingest (flushing its bars), then the PM.
 *
 * <p>Start-up, in order: the PM reconciles whatever a previous process left open; then one catch-up tick per
 * timeframe, for its latest closed bar, on the bars stored, so a decision due on a bar that closed while no process
 * ran is taken now rather than at the next close (a day later on 1d). The PM never plans a bar twice, so this does
 * nothing where the bars were already seen, and a buy on bars that are old by now is refused as a stale feed. Only
 * then the ingest starts and the ticks follow the clock.
 */
public final class TradingLoop implements AutoCloseable {

    private final PmAssembly pm;
    private final IngestService ingest;
    private final Scheduler scheduler;

    private TradingLoop(PmAssembly pm, IngestService ingest, Scheduler scheduler) {
        this.pm = pm;
        this.ingest = ingest;
        this.scheduler = scheduler;
    }

    /**
     * Builds and starts it.
     *
     * @param forceDryRun {@code --dry-run}
     * @param ingestSettings the ingest's settings (endpoints, majors, stream and ingest tuning)
     * @param onTick      receives every tick's report (from the scheduler's threads)
     */
    public static TradingLoop start(LotusConfig config, Database db, Clock clock, boolean forceDryRun,
            IngestService.Settings ingestSettings, Consumer<TickReport> onTick) {
        return start(config, db, clock, forceDryRun, ingestSettings, onTick, PmAssembly.Hooks.none());
    }

    /** {@link #start(LotusConfig, Database, Clock, boolean, IngestService.Settings, Consumer)} with its alerts and
     * meters; the ingest's counters are bound to {@code hooks.meters()} too. */
    public static TradingLoop start(LotusConfig config, Database db, Clock clock, boolean forceDryRun,
            IngestService.Settings ingestSettings, Consumer<TickReport> onTick, PmAssembly.Hooks hooks) {
        RateBudget weight = PmAssembly.restBudget(clock);
        PmAssembly pm = PmAssembly.build(config, db, clock, forceDryRun, weight, hooks);
        IngestService ingest = null;
        try {
            for (Timeframe tf : Timeframe.values()) {
                long now = clock.nowMs();
                onTick.accept(pm.runTick(tf, tf.floor(now), now));
            }
            ingest = IngestService.start(db, clock, ingestSettings, weight, hooks.alerts());
            ProcessMeters.bindIngest(hooks.meters(), ingest);
            Scheduler scheduler = new Scheduler(clock, config.pm().settle(), EnumSet.allOf(Timeframe.class),
                    (tf, close) -> onTick.accept(pm.runTick(tf, close, clock.nowMs())));
            scheduler.start();
            return new TradingLoop(pm, ingest, scheduler);
        } catch (RuntimeException e) {
            if (ingest != null) {
                ingest.close();
            }
            pm.close();
            throw e;
        }
    }

    /** Reconciles when its interval has passed; call it about once a second. */
    public void maintain() {
        pm.reconcileIfDue();
        // A halt from the operator (another process, the API) is alerted within a second, not at the next tick.
        pm.pollStates();
    }

    public PmAssembly pm() {
        return pm;
    }

    public IngestService ingest() {
        return ingest;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        try {
            scheduler.close();
        } finally {
            try {
                ingest.close();
            } finally {
                pm.close();
            }
        }
    }
}
