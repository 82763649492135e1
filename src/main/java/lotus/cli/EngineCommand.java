package lotus.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import lotus.app.EngineReplay;
import lotus.market.Bar;
import lotus.time.Timeframe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "engine", mixinStandardHelpOptions = true, description = "Run the Uptrend Engine outside the PM.",
        subcommands = {EngineCommand.Replay.class})
final class EngineCommand extends GroupCommand {

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Run the engine bar by bar over a JSON list of bars {t, o, h, l, c, v} (t = bar open, epoch "
                    + "ms) and print one JSON line per bar: state, flags, scores, EMAs, ATR, RSI, ADX, vo_z, S/R "
                    + "levels and every gate.")
    static final class Replay implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Option(names = "--bars", required = true, paramLabel = "FILE", description = "JSON array of bars.")
        Path file;

        @Option(names = "--timeframe", defaultValue = "1h", description = "Timeframe of the bars (default ${DEFAULT-VALUE}).")
        String timeframe;

        @Override
        public Integer call() {
            List<Bar> bars;
            try {
                bars = EngineReplay.read(file, Timeframe.parse(timeframe));
            } catch (IllegalArgumentException | IOException e) {
                return cli.usageError(e.getMessage());
            }
            EngineReplay.run(bars, cli.out()::println);
            cli.out().flush();
            return 0;
        }
    }
}
