package lotus.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lotus.app.Books;
import lotus.app.OverAllocatedException;
import lotus.pm.AllocationPolicy;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.engine.EngineOutput;
import lotus.pm.Pnl;
import lotus.pm.Position;
import lotus.pm.PositionFeatures;
import lotus.store.PositionExistsException;
import lotus.time.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "positions", mixinStandardHelpOptions = true,
        description = "Add positions to watch and trade, and list them with their state, flags, A/E and PnL.",
        subcommands = {PositionsCommand.Add.class, PositionsCommand.ListPositions.class})
final class PositionsCommand extends GroupCommand {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:/@._-]{0,63}");
    private static final Pattern BOOK = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Watch a token on one timeframe in one book (status watchlist; the PM trades it once the "
                    + "engine has 333 bars).")
    static final class Add implements java.util.concurrent.Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Option(names = "--chain", required = true, description = "token_chain: hyperliquid or solana.")
        String chain;

        @Option(names = "--book", required = true, description = "book_id: spot, perps, social, ...")
        String book;

        @Option(names = "--token", required = true,
                description = "token_contract: the Hyperliquid coin (ETH, PURR/USDC) or the Solana mint.")
        String token;

        @Option(names = "--ticker", description = "Display ticker (default: the token).")
        String ticker;

        @Option(names = "--timeframe", required = true, description = "1m, 5m, 15m, 1h, 4h or 1d.")
        String timeframe;

        @Option(names = "--alloc-pct", paramLabel = "P",
                description = "Percent of the book's wallet this position may use (default per STRATEGY.md §5: "
                        + "3 for 1m/5m/15m, 6 for 1h/4h/1d; learned timeframe weights re-split the defaults of a "
                        + "token's timeframes, never a pct given here unless it equals the default). A token's "
                        + "positions in a book may use 15 in all.")
        BigDecimal allocPct;

        @Override
        public Integer call() {
            Timeframe tf;
            try {
                tf = Timeframe.parse(timeframe);
            } catch (IllegalArgumentException e) {
                return cli.usageError("--timeframe " + e.getMessage());
            }
            String c = chain.strip().toLowerCase(Locale.ROOT);
            if (!c.equals("hyperliquid") && !c.equals("solana")) {
                return cli.usageError("--chain must be hyperliquid or solana, got '" + chain + "'");
            }
            if (!BOOK.matcher(book).matches()) {
                return cli.usageError("--book must be a lower-case name such as spot, perps or social, got '" + book
                        + "'");
            }
            if (!TOKEN.matcher(token).matches()) {
                return cli.usageError("--token '" + token + "' is not a coin name or mint address");
            }
            BigDecimal pct = allocPct != null ? allocPct : AllocationPolicy.defaultPct(tf);
            if (pct.signum() < 0 || pct.compareTo(new BigDecimal("100")) > 0) {
                return cli.usageError("--alloc-pct must be between 0 and 100, got " + pct);
            }
            PrintWriter out = cli.out();
            try (Database db = cli.migratedDatabase(cli.config())) {
                Position p = Books.watch(db, new NewPosition(token, c,
                        ticker != null ? ticker : token, tf, book, pct, BigDecimal.ZERO));
                out.printf("added %s: status %s, %s%% of the %s wallet (%s); dormant until the engine has 333 %s"
                        + " bars%n", p.label(), p.status().dbValue(), pct.toPlainString(), book,
                        AllocationPolicy.isDefault(p) ? "the default, which timeframe weights re-split"
                                : "as given, kept", tf.label());
                return 0;
            } catch (PositionExistsException | OverAllocatedException e) {
                cli.error(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every position with its state, flags, A/E, quantity and PnL.")
    static final class ListPositions implements Runnable {
        @Mixin
        CommandContext cli;

        @Override
        public void run() {
            PrintWriter out = cli.out();
            try (Database db = cli.migratedDatabase(cli.config())) {
                out.print(render(Books.positions(db)));
            }
            out.flush();
        }
    }

    static String render(List<Position> all) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-4s %-18s %-14s %-4s %-9s %-6s %-18s %-11s %14s %12s %12s %10s %10s %12s%n", "id",
                "venue", "token", "tf", "status", "state", "flags", "A/E", "quantity", "allocated", "pnl_usd",
                "pnl_pct", "fees_usd", "net_pnl_usd"));
        for (Position p : all) {
            PositionFeatures f = p.features();
            EngineOutput engine = f.engine();
            String state = p.state() != null ? p.state().name()
                    : engine != null ? "dormant " + engine.bars() + "/333" : "-";
            Pnl pnl = f.pnl();
            sb.append(String.format("%-4d %-18s %-14s %-4s %-9s %-6s %-18s %-11s %14s %12s %12s %10s %10s %12s%n",
                    p.id(),
                    p.tokenChain() + "/" + p.bookId(), abbreviate(p.tokenTicker() != null ? p.tokenTicker()
                            : p.tokenContract(), 14), p.timeframe().label(), p.status().dbValue(),
                    state.length() > 6 && p.state() != null ? state.substring(0, 6) : state,
                    engine == null ? "-" : flags(engine.flags()),
                    f.ae() != null ? String.format("%.2f/%.2f", f.ae().a(), f.ae().e()) : "-",
                    p.quantity().stripTrailingZeros().toPlainString(),
                    p.totalAllocationUsd().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(),
                    pnl != null ? cents(pnl.totalPnlUsd()) : "-",
                    pnl != null ? cents(pnl.totalPnlPct()) + "%" : "-",
                    pnl != null ? cents(pnl.feesUsd()) : "-",
                    pnl != null ? cents(pnl.netPnlUsd()) : "-"));
        }
        sb.append(all.size()).append(" position(s)").append(System.lineSeparator());
        return sb.toString();
    }

    private static String cents(java.math.BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Short names of the flags that are set: buy_signal → buy_sig, and so on. */
    static String flags(EngineOutput.Flags f) {
        StringBuilder sb = new StringBuilder();
        boolean[] set = {f.buySignal(), f.buyFlag(), f.trimFlag(), f.emergencyExit(), f.exitPosition(),
            f.reclaimedEma333()};
        String[] names = {"buy_sig", "buy", "trim", "emerg", "exit", "reclaim"};
        for (int i = 0; i < set.length; i++) {
            if (set[i]) {
                sb.append(sb.isEmpty() ? "" : ",").append(names[i]);
            }
        }
        return sb.isEmpty() ? "-" : sb.toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
