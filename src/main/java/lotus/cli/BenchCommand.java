package lotus.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lotus.app.LotusConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print throughput figures (rollup, store, ingest, parse, sign, tick, engine, backtest).",
        subcommands = {BenchCommand.Rollup.class, BenchCommand.Store.class, BenchCommand.Ingest.class,
            BenchCommand.Parse.class, BenchCommand.Sign.class, BenchCommand.Tick.class, BenchCommand.Engine.class,
            BenchCommand.BacktestBench.class})
final class BenchCommand implements Runnable {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "tick", mixinStandardHelpOptions = true,
            description = "One PM Core Tick over many positions with stored bars (dry run): cold and warm wall time "
                    + "and its split (read, engine, plan, execute, write).")
    static final class Tick implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Mixin
        ScratchDbOption db;

        @Option(names = "--positions", defaultValue = "1000", description = "Positions (default ${DEFAULT-VALUE}).")
        int positions;

        @Option(names = "--bars", defaultValue = "400", description = "Stored bars per position (default ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--warm-ticks", defaultValue = "3", description = "Warm ticks after the cold one (default ${DEFAULT-VALUE}).")
        int warmTicks;

        @Override
        public Integer call() throws Exception {
            LotusConfig config = bench.main.loadConfig().config();
            new TickBenchmark(db.resolve(config), config.dataDir(), positions, bars, warmTicks,
                    spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = "Seeded bars through the incremental Uptrend Engine on one thread: bars/s.")
    static final class Engine implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--bars", defaultValue = "20000", description = "Bars per round (default ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            new EngineBenchmark(bars, rounds, seed, spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "Seeded random-walk bars stored in a scratch database, then lotus backtest over them: bars/s "
                    + "end to end and for the replay alone, and the trades closed.")
    static final class BacktestBench implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Mixin
        ScratchDbOption db;

        @Option(names = "--tokens", defaultValue = "1", description = "Tokens (positions; default ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--timeframe", defaultValue = "1m", description = "Bar timeframe (default ${DEFAULT-VALUE}).")
        String timeframe;

        @Option(names = "--bars", description = "Bars per token (default 1,000,000 unless --days is given).")
        Long bars;

        @Option(names = "--days", description = "Days of bars per token instead of --bars.")
        Integer days;

        @Option(names = "--majors", description = "Also generate the majors' bars, so A/E comes from the regime "
                + "drivers (default: left out, A/E at its neutral base).")
        boolean majors;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            lotus.time.Timeframe tf = lotus.time.Timeframe.parse(timeframe);
            if (bars != null && days != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give --bars or --days, not both");
            }
            long n = bars != null ? bars : days != null ? days * 86_400_000L / tf.durationMs() : 1_000_000L;
            if (n < 1 || tokens < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bars/--days and --tokens must be positive");
            }
            LotusConfig config = bench.main.loadConfig().config();
            new BacktestBenchmark(db.resolve(config), config.dataDir(), config,
                    new BacktestBenchmark.Options(tokens, tf, n, majors, seed), spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "rollup", mixinStandardHelpOptions = true, description = "Seeded trades through BarRollup (six timeframes): trades/s and bytes per trade.")
    static final class Rollup implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--trades", defaultValue = "10000000", description = "Trades to roll up (default ${DEFAULT-VALUE}).")
        long trades;

        @Option(names = "--coins", defaultValue = "200", description = "Coins the trades spread over (default ${DEFAULT-VALUE}).")
        int coins;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--flush-ms", defaultValue = "1000",
                description = "Simulated ms between flushes (bar closes and provisional bars; default ${DEFAULT-VALUE}).")
        long flushMs;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            new RollupBenchmark(trades, coins, seed, flushMs, out).run();
            return 0;
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Simulator at a fixed rate → client → rollup → database: trades/s, trade-to-row latency, CPU.")
    static final class Ingest implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Mixin
        ScratchDbOption db;

        @Option(names = "--trades-per-sec", defaultValue = "200000", description = "Offered rate (default ${DEFAULT-VALUE}).")
        double tradesPerSecond;

        @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--tokens", defaultValue = "40", description = "Trading tokens streamed (default ${DEFAULT-VALUE}).")
        int tokens;

        @Override
        public Integer call() throws Exception {
            LotusConfig config = bench.main.loadConfig().config();
            new IngestBenchmark(db.resolve(config), config.dataDir(), tradesPerSecond, seconds, tokens,
                    spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Hyperliquid trades frames through the WebSocket parser on one thread: frames/s.")
    static final class Parse implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--frames", defaultValue = "2000000", description = "Frames to parse (default ${DEFAULT-VALUE}).")
        int frames;

        @Override
        public Integer call() {
            new ParseBenchmark(frames, spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Orders through the whole Hyperliquid signing path on one thread: µs per signed order.")
    static final class Sign implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--orders", defaultValue = "20000", description = "Orders to sign (default ${DEFAULT-VALUE}).")
        int orders;

        @Override
        public Integer call() {
            new SignBenchmark(orders, spec.commandLine().getOut()).run();
            return 0;
        }
    }

    @Command(name = "store", mixinStandardHelpOptions = true, description = "Batched bar upserts into the database: rows/s for new bars and for updates.")
    static final class Store implements Callable<Integer> {
        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Mixin
        ScratchDbOption db;

        @Option(names = "--bars", defaultValue = "200000", description = "Bars to write (default ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--batch", defaultValue = "5000", description = "Bars per upsert call (default ${DEFAULT-VALUE}).")
        int batch;

        @Override
        public Integer call() throws java.io.IOException {
            LotusConfig config = bench.main.loadConfig().config();
            String target = db.resolve(config);
            Path dataDir = config.dataDir();
            new StoreBenchmark(target, dataDir, bars, batch, spec.commandLine().getOut()).run();
            return 0;
        }
    }
}
