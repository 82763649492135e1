package lotus.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import lotus.pm.ExecutionResult;
import lotus.pm.Position;
import lotus.pm.PositionReport;
import lotus.pm.TickReport;

/**
 * Each tick's report as meters: its duration by timeframe (a histogram), the decisions by type, the orders by venue
 * and outcome, and the fills: a tick's own and those a live order gets later, when the reconciler settles it.
 */
final class TickMeters {

    private final MeterRegistry registry;

    TickMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(TickReport report) {
        // The timer's buckets: a tick of a few positions takes milliseconds, thousands of them seconds.
        Timer.builder("lotus.tick.duration").description("wall time of a PM Core Tick")
                .tag("timeframe", report.timeframe().label()).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(Duration.ofNanos(report.timings().totalNs()));
        for (PositionReport r : report.positions()) {
            Position p = r.before();
            if (r.decision() != null) {
                Counter.builder("lotus.decisions").description("decisions the planner took, by type")
                        .tag("type", r.decision().type().label()).register(registry).increment();
            }
            ExecutionResult x = r.execution();
            if (x == null) {
                continue;
            }
            Counter.builder("lotus.orders").description("orders by venue and what became of them (dry runs too)")
                    .tags("venue", p.tokenChain(), "book", p.bookId(), "outcome",
                            x.status().name().toLowerCase(Locale.ROOT))
                    .register(registry).increment();
            fill(p, x);
        }
    }

    /** An order that filled anything, counted once: by its tick, or by the reconcile that applied it to {@code p}. */
    void fill(Position p, ExecutionResult x) {
        if (x.filledAnything()) {
            Counter.builder("lotus.fills").description("orders that filled anything, by venue")
                    .tags("venue", p.tokenChain(), "book", p.bookId(), "side", x.buy() ? "buy" : "sell")
                    .register(registry).increment();
        }
    }
}
