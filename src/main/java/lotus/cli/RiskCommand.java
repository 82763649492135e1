package lotus.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.concurrent.Callable;
import lotus.app.Books;
import lotus.app.LotusConfig;
import lotus.risk.RiskControls;
import lotus.risk.RiskLimits;
import lotus.store.Database;
import lotus.store.ScopeState;
import lotus.store.TradingStates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lotus risk}: trading states, every limit, and what the database says of each book today. */
@Command(name = "risk", mixinStandardHelpOptions = true,
        description = "Show the trading states (global and per book), the risk limits and each book's usage today.")
final class RiskCommand implements Runnable {

    @Mixin
    CommandContext cli;

    @Override
    public void run() {
        LotusConfig config = cli.config();
        PrintWriter out = cli.out();
        try (Database db = cli.migratedDatabase(config)) {
            out.print(render(Books.riskControls(db).report(config.pm().walletUsd()), config.risk().limits()));
        }
        out.flush();
    }

    static String render(RiskControls.Report r, RiskLimits l) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("trading states (no row: active)").append(nl);
        if (r.states().stream().noneMatch(s -> s.scope().equals(TradingStates.GLOBAL))) {
            sb.append(String.format("  %-8s %-9s%n", "global", "active"));
        }
        for (ScopeState s : r.states()) {
            sb.append(String.format("  %-8s %-9s since %s by %s%s%n", s.scope(), s.state().dbValue(),
                    Instant.ofEpochMilli(s.changedAtMs()), s.changedBy(), s.reason() == null ? "" : ": " + s.reason()));
        }
        sb.append("limits").append(nl);
        limit(sb, "max_order_notional_usd", l.maxOrderNotionalUsd());
        limit(sb, "max_orders_per_minute", l.maxOrdersPerMinute());
        limit(sb, "max_book_exposure_usd", l.maxBookExposureUsd());
        limit(sb, "max_token_exposure_usd", l.maxTokenExposureUsd());
        limit(sb, "max_open_positions_per_book", l.maxOpenPositionsPerBook());
        limit(sb, "daily_loss_stop_usd", l.dailyLossStopUsd());
        limit(sb, "max_drawdown_pct", l.maxDrawdownPct());
        limit(sb, "live_scale", l.liveScale());
        limit(sb, "reconcile_interval_s", l.reconcileIntervalS());
        limit(sb, "unknown_outcomes_to_halt", l.unknownOutcomesToHalt());
        sb.append("books today (UTC day from ").append(Instant.ofEpochMilli(r.dayStartMs())).append(")").append(nl);
        sb.append(String.format("  %-8s %12s %5s %14s %12s %12s %12s%n", "book", "exposure_usd", "open",
                "pnl_today_usd", "equity_usd", "peak_usd", "drawdown_pct"));
        for (RiskControls.BookLine b : r.books()) {
            sb.append(String.format("  %-8s %12s %5d %14s %12s %12s %12s%n", b.usage().bookId(),
                    usd(b.usage().exposureUsd()), b.usage().openPositions(), usd(b.usage().pnlTodayUsd()),
                    usd(b.equityUsd()), b.peakUsd().map(RiskCommand::usd).orElse("-"), usd(b.drawdownPct())));
        }
        sb.append("orders in the last minute are counted inside the trading process only").append(nl);
        return sb.toString();
    }

    private static void limit(StringBuilder sb, String name, Object value) {
        String shown = value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
        sb.append(String.format("  %-28s %s%n", name, shown));
    }

    private static String usd(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code lotus halt}: stops every order, or one book's, until {@code lotus resume}. */
    @Command(name = "halt", mixinStandardHelpOptions = true,
            description = "Halt trading: no order goes out, not even a sell, until resumed. Obeyed by a running "
                    + "trading process at its next order.")
    static final class Halt implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Option(names = "--book", paramLabel = "B", description = "Halt only this book (spot, perps, social, ...).")
        String book;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for the record.")
        String reason;

        @Override
        public Integer call() {
            if (reason.isBlank()) {
                return cli.usageError("--reason must not be empty");
            }
            try (Database db = cli.migratedDatabase(cli.config())) {
                ScopeState s = Books.riskControls(db).halt(book, reason);
                cli.out().printf("%s halted: %s%n", s.scope(), s.reason());
            }
            return 0;
        }
    }

    /** {@code lotus resume}: makes the global scope, or one book, active again. */
    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume trading globally, or one book with --book; a book still obeys a global halt.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Option(names = "--book", paramLabel = "B", description = "Resume only this book.")
        String book;

        @Override
        public Integer call() {
            try (Database db = cli.migratedDatabase(cli.config())) {
                RiskControls controls = Books.riskControls(db);
                ScopeState s = controls.resume(book);
                PrintWriter out = cli.out();
                out.printf("%s active%n", s.scope());
                if (book != null && controls.effective(book) != lotus.store.TradingState.ACTIVE) {
                    out.printf("%s still trades as %s: see lotus risk%n", book, controls.effective(book).dbValue());
                }
            }
            return 0;
        }
    }
}
