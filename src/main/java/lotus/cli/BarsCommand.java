package lotus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lotus.app.BarFetch;
import lotus.app.BarFiles;
import lotus.store.Database;
import lotus.store.PriceBars;
import lotus.store.PriceDataReader;
import lotus.store.PriceTable;
import lotus.time.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bars", mixinStandardHelpOptions = true,
        description = "OHLCV bars in and out of the price tables: import a CSV, fetch from Hyperliquid, export to CSV, "
                + "see what is stored.",
        subcommands = {BarsCommand.Import.class, BarsCommand.Export.class, BarsCommand.Status.class,
            BarsCommand.Fetch.class})
final class BarsCommand extends GroupCommand {

    /** The options naming one token's bars on one timeframe in one table. */
    static final class Series {
        @Option(names = "--chain", required = true, description = "The token's chain (hyperliquid, solana, ...).")
        String chain;

        @Option(names = "--token", required = true, description = "The token: a Hyperliquid coin or a contract.")
        String token;

        @Option(names = "--timeframe", required = true, description = "1m, 5m, 15m, 1h, 4h or 1d.")
        String timeframe;

        @Option(names = "--table", description = "hyperliquid, majors or lowcap (default: from the chain, "
                + "hyperliquid for hyperliquid and lowcap for any other).")
        String table;

        Timeframe tf;
        PriceTable priceTable;

        /** Null when the options hold, else the usage error to print. */
        String check() {
            try {
                tf = Timeframe.parse(timeframe);
            } catch (IllegalArgumentException e) {
                return "--timeframe " + e.getMessage();
            }
            if (table == null) {
                priceTable = PriceTable.forChain(chain);
                return null;
            }
            for (PriceTable t : PriceTable.values()) {
                if (t.name().equalsIgnoreCase(table)) {
                    priceTable = t;
                    return null;
                }
            }
            return "--table must be hyperliquid, majors or lowcap, got '" + table + "'";
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Load bars from a CSV: a header naming open_time (or time, timestamp, date; epoch s, ms or "
                    + "ISO-8601), open, high, low, close, volume, other columns ignored; or a Binance kline export "
                    + "as it is. Bad rows are printed with their line numbers and left out; gaps are counted.")
    static final class Import implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Mixin
        Series series;

        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The bar file.")
        Path csv;

        @Override
        public Integer call() throws IOException {
            String bad = series.check();
            if (bad != null) {
                return cli.usageError(bad);
            }
            if (!Files.isRegularFile(csv) || !Files.isReadable(csv)) {
                return cli.usageError("--csv " + csv + " is not a readable file");
            }
            PrintWriter out = cli.out();
            BarFiles.Listener listener = new BarFiles.Listener() {
                @Override
                public void rejected(BarFiles.Rejected r) {
                    out.printf("line %d rejected: %s%n", r.line(), r.reason());
                }

                @Override
                public void progress(long rows, long written) {
                    out.printf("... %d rows read, %d written%n", rows, written);
                    out.flush();
                }
            };
            BarFiles.Imported r;
            try (Database db = cli.migratedDatabase(cli.config())) {
                r = BarFiles.importCsv(new PriceBars(db), series.priceTable, series.chain, series.token, series.tf,
                        csv, listener);
            } catch (IllegalArgumentException e) {
                return cli.usageError(e.getMessage());
            }
            for (BarFiles.Gap g : r.firstGaps()) {
                out.printf("gap: %d bars missing between %s and %s%n", g.missing(),
                        Instant.ofEpochMilli(g.afterOpenMs()), Instant.ofEpochMilli(g.nextOpenMs()));
            }
            out.printf("imported %s %s %s into %s from %s: rows=%d written=%d rejected=%d gaps=%d%n", series.token,
                    series.chain, series.tf.label(), series.priceTable.tableName(), csv.getFileName(), r.rows(),
                    r.written(), r.rejected(), r.gaps());
            out.flush();
            // Every row bad and none written is a failed import; some good rows written is a partial success.
            return r.written() > 0 || r.rejected() == 0 ? 0 : 1;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write bars as CSV (open_time in epoch ms, open, high, low, close, volume as stored) to "
                    + "stdout or a file; --from and --to bound the open times, from inclusive, to exclusive.")
    static final class Export implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Mixin
        Series series;

        @Option(names = "--from", paramLabel = "TIME", description = "First open time (ISO-8601 or epoch ms).")
        String from;

        @Option(names = "--to", paramLabel = "TIME", description = "Open times before this (ISO-8601 or epoch ms).")
        String to;

        @Option(names = "--out", paramLabel = "FILE", description = "The file to write (default: stdout).")
        Path outFile;

        @Override
        public Integer call() throws IOException {
            String bad = series.check();
            if (bad != null) {
                return cli.usageError(bad);
            }
            long fromMs;
            long toMs;
            try {
                fromMs = from == null ? Long.MIN_VALUE : parse("--from", from);
                toMs = to == null ? Long.MAX_VALUE : parse("--to", to);
            } catch (IllegalArgumentException e) {
                return cli.usageError(e.getMessage());
            }
            try (Database db = cli.migratedDatabase(cli.config())) {
                if (outFile == null) {
                    BarFiles.exportCsv(db, series.priceTable, series.chain, series.token, series.tf, fromMs, toMs,
                            cli.out());
                    return 0;
                }
                long n;
                try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                    n = BarFiles.exportCsv(db, series.priceTable, series.chain, series.token, series.tf, fromMs, toMs,
                            w);
                }
                cli.out().printf("exported %s %s %s from %s to %s: bars=%d%n", series.token, series.chain,
                        series.tf.label(), series.priceTable.tableName(), outFile, n);
                cli.out().flush();
                return 0;
            }
        }

        private static long parse(String option, String value) {
            try {
                return BarFiles.parseTime(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + " " + e.getMessage());
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Per table, token and timeframe: first and last open time, bar count, and gaps (bars "
                    + "expected between the first and the last that are not stored).")
    static final class Status implements Runnable {
        @Mixin
        CommandContext cli;

        @Override
        public void run() {
            try (Database db = cli.migratedDatabase(cli.config())) {
                cli.out().print(render(BarFiles.status(db)));
            }
            cli.out().flush();
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Closed candles from Hyperliquid's candleSnapshot, newest first and back as far as the "
                    + "venue serves (about 5,000 per coin and interval) or --days, within the REST weight budget.")
    static final class Fetch implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Option(names = "--tokens", required = true, split = ",",
                description = "Coins: perps by name (BTC), spot pairs by name (HYPE/USDC) or API coin (@107).")
        List<String> tokens;

        @Option(names = "--timeframe", required = true, description = "1m, 5m, 15m, 1h, 4h or 1d.")
        String timeframe;

        @Option(names = "--days", description = "Only the last N days (default: all the venue serves).")
        Integer days;

        @Option(names = "--table", defaultValue = "hyperliquid",
                description = "hyperliquid (the trading table, default) or majors.")
        String table;

        @Override
        public Integer call() {
            Timeframe tf;
            try {
                tf = Timeframe.parse(timeframe);
            } catch (IllegalArgumentException e) {
                return cli.usageError("--timeframe " + e.getMessage());
            }
            PriceTable t = switch (table.toLowerCase(Locale.ROOT)) {
                case "hyperliquid" -> PriceTable.HYPERLIQUID;
                case "majors" -> PriceTable.MAJORS;
                default -> null;
            };
            if (t == null) {
                return cli.usageError("--table must be hyperliquid or majors, got '" + table + "'");
            }
            if (days != null && days <= 0) {
                return cli.usageError("--days must be positive, got " + days);
            }
            PrintWriter out = cli.out();
            BarFetch.Spent spent;
            try (Database db = cli.migratedDatabase(cli.config())) {
                spent = BarFetch.fetchAll(cli.config(), db, tokens, tf, days, t, f -> {
                    out.printf("fetched %s %s into %s: bars=%d pages=%d%s%n", f.coin(), f.timeframe().label(),
                            t.tableName(), f.bars(), f.pages(), f.bars() == 0 ? "" : " from "
                                    + Instant.ofEpochMilli(f.firstOpenMs()) + " to "
                                    + Instant.ofEpochMilli(f.lastOpenMs()));
                    out.flush();
                });
            }
            out.printf("weight spent=%d (budget %d a minute), waits for room=%d, retries=%d%n", spent.weight(),
                    spent.perMinute(), spent.throttledWaits(), spent.retries());
            out.flush();
            return 0;
        }
    }

    static String render(List<PriceDataReader.Coverage> all) {
        if (all.isEmpty()) {
            return "no bars yet: lotus ingest writes them, lotus bars import loads a file" + System.lineSeparator();
        }
        StringBuilder sb = new StringBuilder();
        String format = "%-11s %-12s %-11s %-3s %-20s %-20s %8s %6s%n";
        sb.append(String.format(format, "table", "token", "chain", "tf", "first", "last", "bars", "gaps"));
        for (PriceDataReader.Coverage c : all) {
            sb.append(String.format(format, c.table().name().toLowerCase(Locale.ROOT), c.tokenContract(), c.chain(),
                    c.timeframe().label(), Instant.ofEpochMilli(c.firstOpenMs()), Instant.ofEpochMilli(c.lastOpenMs()),
                    c.bars(), c.gaps()));
        }
        return sb.toString();
    }
}
