package lotus.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import lotus.alert.HttpAlerts;
import lotus.ingest.FeedIngester;
import lotus.ingest.IngestService;
import lotus.risk.RiskGate;
import lotus.time.RateBudget;

/**
 * Binds the counters the process already keeps to the registry {@code /metrics} serves: read at each scrape, so
 * nothing on the hot paths knows about metrics.
 */
public final class ProcessMeters {

    private ProcessMeters() {
    }

    /**
     * Both streams' counters ({@code stream="majors"|"trading"}), the writer's, the lag, and the ingest's REST budget
     * (in {@code lotus run} the PM's own, already bound: registering it again returns the same meters).
     */
    public static void bindIngest(MeterRegistry r, IngestService ingest) {
        bindBudget(r, ingest.restWeight());
        stream(r, "majors", ingest, IngestService::majorsStatus);
        stream(r, "trading", ingest, IngestService::tradingStatus);
        FunctionCounter.builder("lotus.ingest.bars.written", ingest, i -> i.writer().barsWritten())
                .description("bars upserted by the ingest's writer").register(r);
        FunctionCounter.builder("lotus.ingest.ticks.written", ingest, i -> i.writer().ticksWritten())
                .description("majors' trades written to majors_trades_ticks").register(r);
        FunctionCounter.builder("lotus.ingest.write.failures", ingest, i -> i.writer().writeFailures())
                .description("batches the writer could not write").register(r);
        Gauge.builder("lotus.ingest.lag", ingest, i -> i.writer().lastLagMs() / 1000.0).baseUnit("seconds")
                .description("from the last written bar's newest trade to its write").register(r);
    }

    private static void stream(MeterRegistry r, String name, IngestService ingest,
            Function<IngestService, FeedIngester.Status> status) {
        counter(r, "lotus.ingest.trades.received", "trades received on the WebSocket", name, ingest, status,
                FeedIngester.Status::tradesIn);
        counter(r, "lotus.ingest.trades.dropped", "trades dropped on a full queue (the bars are repaired)", name,
                ingest, status, FeedIngester.Status::droppedTrades);
        counter(r, "lotus.ingest.trades.rejected", "trades refused as invalid or too late", name, ingest, status,
                FeedIngester.Status::rejectedTrades);
        counter(r, "lotus.ingest.frames.malformed", "frames that did not parse", name, ingest, status,
                FeedIngester.Status::malformedFrames);
        counter(r, "lotus.ingest.reconnects", "WebSocket reconnects", name, ingest, status,
                FeedIngester.Status::reconnects);
        counter(r, "lotus.ingest.holes", "gaps found in the trades (a reconnect, a drop)", name, ingest, status,
                FeedIngester.Status::holes);
        counter(r, "lotus.ingest.repairs", "gaps repaired from candle snapshots", name, ingest, status,
                FeedIngester.Status::repairs);
        Gauge.builder("lotus.ingest.subscriptions", ingest, i -> status.apply(i).liveSubscriptions())
                .tag("stream", name).description("live WebSocket subscriptions").register(r);
        Gauge.builder("lotus.ingest.connected", ingest, i -> status.apply(i).connected() ? 1 : 0)
                .tag("stream", name).description("1 while the WebSocket is connected").register(r);
    }

    private static void counter(MeterRegistry r, String meter, String description, String stream,
            IngestService ingest, Function<IngestService, FeedIngester.Status> status,
            ToDoubleFunction<FeedIngester.Status> value) {
        FunctionCounter.builder(meter, ingest, i -> value.applyAsDouble(status.apply(i))).tag("stream", stream)
                .description(description).register(r);
    }

    /** A REST budget's weight used in the sliding minute, its limit, and all it spent. */
    public static void bindBudget(MeterRegistry r, RateBudget budget) {
        Gauge.builder("lotus.rest.weight.used", budget, RateBudget::usedLastMinute).tag("budget", budget.name())
                .description("REST weight spent in the last minute").register(r);
        Gauge.builder("lotus.rest.weight.limit", budget, RateBudget::perMinute).tag("budget", budget.name())
                .description("REST weight a minute this process allows itself").register(r);
        FunctionCounter.builder("lotus.rest.weight.spent", budget, RateBudget::totalSpent)
                .tag("budget", budget.name()).description("REST weight spent since start").register(r);
    }

    /** Refusals by limit, every limit from the start so a rate over a quiet limit reads 0, not absent. */
    static void bindGate(MeterRegistry r, RiskGate gate) {
        for (String limit : RiskGate.LIMITS) {
            FunctionCounter.builder("lotus.risk.refusals", gate, g -> g.refusals().getOrDefault(limit, 0L))
                    .tag("limit", limit).description("orders the risk gate refused, by the limit that refused")
                    .register(r);
        }
    }

    static void bindAlerts(MeterRegistry r, HttpAlerts alerts) {
        String target = alerts.target();
        FunctionCounter.builder("lotus.alerts", alerts, HttpAlerts::delivered).tags("target", target, "outcome",
                "delivered").description("alerts by target and what became of them").register(r);
        FunctionCounter.builder("lotus.alerts", alerts, HttpAlerts::dropped).tags("target", target, "outcome",
                "dropped").description("alerts by target and what became of them").register(r);
        FunctionCounter.builder("lotus.alerts", alerts, HttpAlerts::failed).tags("target", target, "outcome",
                "failed").description("alerts by target and what became of them").register(r);
        FunctionCounter.builder("lotus.alerts.attempts", alerts, HttpAlerts::attempts).tag("target", target)
                .description("alert posts, retries included").register(r);
        Gauge.builder("lotus.alerts.queued", alerts, HttpAlerts::queued).tag("target", target)
                .description("alerts waiting to be posted").register(r);
    }
}
