package lotus.cli;

import java.io.PrintWriter;
import java.util.Locale;
import lotus.app.demo.IngestCheckRun;

/** Prints {@code lotus demo --ingest-check} (run by {@link IngestCheckRun}) as it goes, and its table of series. */
record IngestCheckDemo(IngestCheckRun.Options options, PrintWriter out) {

    IngestCheckRun.Result run() throws Exception {
        IngestCheckRun.Result r = new IngestCheckRun(options, this::print).run();
        print(r);
        return r;
    }

    private void print(IngestCheckRun.Event event) {
        switch (event) {
            case IngestCheckRun.Started e -> out.printf(Locale.ROOT, "demo: simulator on %s (seed %d, %d assets), "
                    + "clock x%.0f, database %s%n", e.restUrl(), e.seed(), e.assets(), e.speed(), e.dbFile());
            case IngestCheckRun.Watchlist e -> {
                out.printf(Locale.ROOT, "demo: %d watchlist positions: %s%n", e.timeframes().size(), String.join(", ",
                        e.timeframes().entrySet().stream().map(t -> t.getKey() + " " + t.getValue()).toList()));
                out.flush();
            }
            case IngestCheckRun.DroppedConnections e -> out.println("demo: simulator dropped every connection");
            case IngestCheckRun.MalformedFrames e -> out.println("demo: simulator sent " + e.frames()
                    + " malformed frames");
            case IngestCheckRun.Status e -> {
                out.printf(Locale.ROOT, "  %s  %s%n", e.at(), e.ingest());
                out.flush();
            }
        }
    }

    private void print(IngestCheckRun.Result r) {
        out.println();
        out.printf(Locale.ROOT, "%-12s %-6s %-4s %7s %8s %10s %14s%n", "token", "book", "tf", "bars", "missing",
                "differing", "last close");
        for (IngestCheckRun.Row row : r.rows()) {
            out.printf(Locale.ROOT, "%-12s %-6s %-4s %7d %8d %10d %14s%n", row.token(), row.book(), row.tf(),
                    row.stored(), row.missing(), row.differing(),
                    row.lastClose() == null ? "-" : row.lastClose().toPlainString());
        }
        out.printf(Locale.ROOT, "%nreconnects %d | holes repaired %d | malformed frames %d | rejected trades %d"
                + " | bars written %d%n", r.reconnects(), r.repairs(), r.malformedFrames(), r.rejectedTrades(),
                r.barsWritten());
        r.examples().forEach(e -> out.println("  differs: " + e));
        if (System.getenv("LOTUS_DEMO_DEBUG") != null) {
            out.println("rollup majors " + r.rollups().get(0));
            out.println("rollup trading " + r.rollups().get(1));
        }
        out.printf(Locale.ROOT, "check: %d bars missing and %d differing against the simulator's truth (%s) in %.1f s%n",
                r.missing(), r.differing(), r.clean() ? "OK" : "MISMATCH", r.wallNanos() / 1e9);
        out.flush();
    }
}
