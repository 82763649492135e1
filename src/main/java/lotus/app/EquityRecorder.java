package lotus.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import lotus.risk.RiskControls;
import lotus.store.EquityHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each tick, every book's figures from the same {@link RiskControls#report} as {@code /api/risk}, written to
 * {@code book_equity} at the tick's bar close in one upsert: the operator page's equity curves. A failure is counted
 * and logged, never thrown: a missing point on a chart is no reason to fail a tick whose orders are already placed.
 */
final class EquityRecorder {

    private static final Logger log = LoggerFactory.getLogger(EquityRecorder.class);

    private final RiskControls controls;
    private final BigDecimal walletUsd;
    private final EquityHistory history;
    private final Counter failures;

    EquityRecorder(RiskControls controls, BigDecimal walletUsd, EquityHistory history, MeterRegistry meters) {
        this.controls = controls;
        this.walletUsd = walletUsd;
        this.history = history;
        this.failures = Counter.builder("lotus.equity.record.failures")
                .description("ticks whose book equity could not be written").register(meters);
    }

    /** @return how many books were written; 0 when none could be (counted and logged) */
    int record(long barCloseMs) {
        try {
            List<EquityHistory.Point> points = controls.report(walletUsd).books().stream()
                    .map(b -> new EquityHistory.Point(b.usage().bookId(), barCloseMs, b.equityUsd(),
                            b.usage().pnlTodayUsd(), b.usage().realisedAllTimeUsd(), b.usage().exposureUsd()))
                    .toList();
            return history.record(points);
        } catch (RuntimeException e) {
            failures.increment();
            // Once per failed tick: ticks are minutes apart, so this cannot flood the log.
            log.warn("book equity not recorded bar_close={} failures={}: {}", java.time.Instant.ofEpochMilli(
                    barCloseMs), (long) failures.count(), e.toString());
            return 0;
        }
    }
}
