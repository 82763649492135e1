package lotus.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lotus.risk.RiskControls;
import lotus.store.Database;
import lotus.store.Positions;
import lotus.store.ScopeState;
import lotus.store.TradingState;
import lotus.store.TradingStates;
import lotus.time.Clock;

/**
 * The database's figures as gauges, read once per scrape with the same {@link RiskControls#report} as
 * {@code /api/risk}, so both say the same: each scope's trading state (one series per state, 1 for the current one,
 * as Prometheus models an enum), and each book's equity, PnL today, realised PnL, exposure, open positions and
 * drawdown.
 */
final class BookGauges {

    private final BigDecimal walletUsd;
    private final RiskControls controls;
    private final MultiGauge state;
    private final MultiGauge equity;
    private final MultiGauge pnlToday;
    private final MultiGauge realised;
    private final MultiGauge exposure;
    private final MultiGauge open;
    private final MultiGauge drawdown;

    BookGauges(Database db, Clock clock, BigDecimal walletUsd, MeterRegistry registry) {
        this.walletUsd = walletUsd;
        this.controls = new RiskControls(new TradingStates(db, clock), new Positions(db, clock), clock);
        this.state = MultiGauge.builder("lotus.trading.state")
                .description("1 for the scope's stored trading state (global or a book), 0 for the others")
                .register(registry);
        this.equity = usd(registry, "lotus.book.equity", "pm.wallet_usd plus the book's PnL");
        this.pnlToday = usd(registry, "lotus.book.pnl.today", "realised and marked PnL since 00:00 UTC");
        this.realised = usd(registry, "lotus.book.pnl.realised", "realised PnL of all closed trades");
        this.exposure = usd(registry, "lotus.book.exposure", "notional held at entry");
        this.open = MultiGauge.builder("lotus.book.open.positions").description("positions holding a quantity")
                .register(registry);
        this.drawdown = MultiGauge.builder("lotus.book.drawdown").baseUnit("ratio")
                .description("fall of equity from its stored peak, 0.05 = 5 %").register(registry);
    }

    private static MultiGauge usd(MeterRegistry registry, String name, String description) {
        return MultiGauge.builder(name).baseUnit("usd").description(description).register(registry);
    }

    synchronized void refresh() {
        RiskControls.Report r = controls.report(walletUsd);
        Map<String, TradingState> scopes = new LinkedHashMap<>();
        scopes.put(TradingStates.GLOBAL, TradingState.ACTIVE);
        RiskControls.BOOKS.forEach(b -> scopes.put(b, TradingState.ACTIVE));
        r.books().forEach(b -> scopes.put(b.usage().bookId(), TradingState.ACTIVE));
        for (ScopeState s : r.states()) {
            scopes.put(s.scope(), s.state());
        }
        List<MultiGauge.Row<?>> states = new ArrayList<>();
        scopes.forEach((scope, current) -> {
            for (TradingState t : TradingState.values()) {
                states.add(MultiGauge.Row.of(Tags.of("scope", scope, "state", t.dbValue()), t == current ? 1 : 0));
            }
        });
        state.register(states, true);
        equity.register(rows(r, b -> b.equityUsd()), true);
        pnlToday.register(rows(r, b -> b.usage().pnlTodayUsd()), true);
        realised.register(rows(r, b -> b.usage().realisedAllTimeUsd()), true);
        exposure.register(rows(r, b -> b.usage().exposureUsd()), true);
        open.register(rows(r, b -> BigDecimal.valueOf(b.usage().openPositions())), true);
        drawdown.register(rows(r, b -> b.drawdownPct().movePointLeft(2)), true);
    }

    private static List<MultiGauge.Row<?>> rows(RiskControls.Report r,
            java.util.function.Function<RiskControls.BookLine, BigDecimal> value) {
        List<MultiGauge.Row<?>> out = new ArrayList<>();
        for (RiskControls.BookLine b : r.books()) {
            out.add(MultiGauge.Row.of(Tags.of("book", b.usage().bookId()), value.apply(b).doubleValue()));
        }
        return out;
    }
}
