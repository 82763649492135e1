package lotus.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lotus.bench.BacktestBenchmark;
import lotus.bench.EngineBenchmark;
import lotus.bench.IngestBenchmark;
import lotus.bench.ParseBenchmark;
import lotus.bench.RollupBenchmark;
import lotus.bench.Scratch;
import lotus.bench.SignBenchmark;
import lotus.bench.SolanaCollectBenchmark;
import lotus.bench.SolanaSignBenchmark;
import lotus.bench.StoreBenchmark;
import lotus.bench.TickBenchmark;
import lotus.time.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code lotus bench}: parses each benchmark's options and runs it from {@code lotus.bench}. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print throughput figures (rollup, store, ingest, parse, sign, tick, engine, "
                + "backtest, solana-sign, solana-collect).",
        subcommands = {BenchCommand.Rollup.class, BenchCommand.Store.class, BenchCommand.Ingest.class,
            BenchCommand.Parse.class, BenchCommand.Sign.class, BenchCommand.Tick.class, BenchCommand.Engine.class,
            BenchCommand.BacktestBench.class, BenchCommand.SolanaSign.class, BenchCommand.SolanaCollect.class})
final class BenchCommand extends GroupCommand {

    /** A benchmark on a scratch database: {@code --db}, the configuration, the output. */
    abstract static class OnScratch implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Mixin
        ScratchDbOption db;

        @Override
        public Integer call() throws Exception {
            run(db.target(cli.config()));
            return 0;
        }

        abstract void run(Scratch scratch) throws Exception;
    }

    /** A benchmark in memory: only the output. */
    abstract static class InMemory implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Override
        public Integer call() {
            run(cli.out());
            return 0;
        }

        abstract void run(PrintWriter out);
    }

    @Command(name = "tick", mixinStandardHelpOptions = true,
            description = "One PM Core Tick over many positions with stored bars (dry run): cold and warm wall time "
                    + "and its split (read, engine, plan, execute, write).")
    static final class Tick extends OnScratch {
        @Option(names = "--positions", defaultValue = "1000", description = "Positions (default ${DEFAULT-VALUE}).")
        int positions;

        @Option(names = "--bars", defaultValue = "400", description = "Stored bars per position (default ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--warm-ticks", defaultValue = "3", description = "Warm ticks after the cold one (default ${DEFAULT-VALUE}).")
        int warmTicks;

        @Override
        void run(Scratch scratch) throws Exception {
            new TickBenchmark(new TickBenchmark.Options(scratch, positions, bars, warmTicks), cli.out()).run();
        }
    }

    @Command(name = "engine", mixinStandardHelpOptions = true,
            description = "Seeded bars through the incremental Uptrend Engine on one thread: bars/s.")
    static final class Engine extends InMemory {
        @Option(names = "--bars", defaultValue = "20000", description = "Bars per round (default ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        void run(PrintWriter out) {
            new EngineBenchmark(new EngineBenchmark.Options(bars, rounds, seed), out).run();
        }
    }

    @Command(name = "backtest", mixinStandardHelpOptions = true,
            description = "Seeded random-walk bars stored in a scratch database, then lotus backtest over them: bars/s "
                    + "end to end and for the replay alone, and the trades closed.")
    static final class BacktestBench extends OnScratch {
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
        void run(Scratch scratch) throws Exception {
            Timeframe tf = Timeframe.parse(timeframe);
            if (bars != null && days != null) {
                throw new ParameterException(cli.spec.commandLine(), "give --bars or --days, not both");
            }
            long n = bars != null ? bars : days != null ? days * 86_400_000L / tf.durationMs() : 1_000_000L;
            if (n < 1 || tokens < 1) {
                throw new ParameterException(cli.spec.commandLine(), "--bars/--days and --tokens must be positive");
            }
            new BacktestBenchmark(cli.config(), new BacktestBenchmark.Options(scratch, tokens, tf, n, majors, seed),
                    cli.out()).run();
        }
    }

    @Command(name = "rollup", mixinStandardHelpOptions = true, description = "Seeded trades through BarRollup (six timeframes): trades/s and bytes per trade.")
    static final class Rollup extends InMemory {
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
        void run(PrintWriter out) {
            new RollupBenchmark(new RollupBenchmark.Options(trades, coins, seed, flushMs), out).run();
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Simulator at a fixed rate → client → rollup → database: trades/s, trade-to-row latency, CPU.")
    static final class Ingest extends OnScratch {
        @Option(names = "--trades-per-sec", defaultValue = "200000", description = "Offered rate (default ${DEFAULT-VALUE}).")
        double tradesPerSecond;

        @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds (default ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--tokens", defaultValue = "40", description = "Trading tokens streamed (default ${DEFAULT-VALUE}).")
        int tokens;

        @Override
        void run(Scratch scratch) throws Exception {
            new IngestBenchmark(new IngestBenchmark.Options(scratch, tradesPerSecond, seconds, tokens), cli.out())
                    .run();
        }
    }

    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Hyperliquid trades frames through the WebSocket parser on one thread: frames/s.")
    static final class Parse extends InMemory {
        @Option(names = "--frames", defaultValue = "2000000", description = "Frames to parse (default ${DEFAULT-VALUE}).")
        int frames;

        @Override
        void run(PrintWriter out) {
            new ParseBenchmark(new ParseBenchmark.Options(frames), out).run();
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Orders through the whole Hyperliquid signing path on one thread: µs per signed order.")
    static final class Sign extends InMemory {
        @Option(names = "--orders", defaultValue = "20000", description = "Orders to sign (default ${DEFAULT-VALUE}).")
        int orders;

        @Override
        void run(PrintWriter out) {
            new SignBenchmark(new SignBenchmark.Options(orders), out).run();
        }
    }

    @Command(name = "solana-sign", mixinStandardHelpOptions = true,
            description = "Unsigned v0 swap transactions through the Solana signer on one thread: signed tx/s, and "
                    + "the Ed25519 signature alone.")
    static final class SolanaSign extends InMemory {
        @Option(names = "--transactions", defaultValue = "5000",
                description = "Distinct transactions signed per round (default ${DEFAULT-VALUE}).")
        int transactions;

        @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        void run(PrintWriter out) {
            new SolanaSignBenchmark(new SolanaSignBenchmark.Options(transactions, rounds, seed), out).run();
        }
    }

    @Command(name = "solana-collect", mixinStandardHelpOptions = true,
            description = "The Solana collector against the simulated DexScreener on a manual clock, every token due "
                    + "every minute: tokens and calls per minute, wall time per cycle.")
    static final class SolanaCollect extends OnScratch {
        @Option(names = "--tokens", defaultValue = "7500", description = "Tokens followed (default ${DEFAULT-VALUE}).")
        int tokens;

        @Option(names = "--minutes", defaultValue = "10", description = "Simulated minutes, one cycle each "
                + "(default ${DEFAULT-VALUE}).")
        int minutes;

        @Option(names = "--budget", defaultValue = "250", description = "DexScreener calls a minute "
                + "(default ${DEFAULT-VALUE}, the configured default).")
        int budget;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        void run(Scratch scratch) throws Exception {
            new SolanaCollectBenchmark(new SolanaCollectBenchmark.Options(scratch, tokens, minutes, budget, seed),
                    cli.out()).run();
        }
    }

    @Command(name = "store", mixinStandardHelpOptions = true, description = "Batched bar upserts into the database: rows/s for new bars and for updates.")
    static final class Store extends OnScratch {
        @Option(names = "--bars", defaultValue = "200000", description = "Bars to write (default ${DEFAULT-VALUE}).")
        int bars;

        @Option(names = "--batch", defaultValue = "5000", description = "Bars per upsert call (default ${DEFAULT-VALUE}).")
        int batch;

        @Override
        void run(Scratch scratch) throws Exception {
            new StoreBenchmark(new StoreBenchmark.Options(scratch, bars, batch), cli.out()).run();
        }
    }
}
