package lotus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lotus.engine.EngineTracker;
import lotus.market.Bar;
import lotus.store.EngineJson;
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
            PrintWriter out = cli.out();
            Timeframe tf;
            List<Bar> bars;
            try {
                tf = Timeframe.parse(timeframe);
                bars = read(file, tf);
            } catch (IllegalArgumentException | IOException e) {
                return cli.usageError(e.getMessage());
            }
            ObjectMapper mapper = new ObjectMapper();
            EngineTracker tracker = new EngineTracker();
            try {
                for (Bar b : bars) {
                    out.println(mapper.writeValueAsString(EngineJson.toJson(tracker.advance(b))));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            out.flush();
            return 0;
        }
    }

    /** Reads {@code [{t, o, h, l, c, v}, ...]}; numbers may be JSON numbers or decimal strings. */
    static List<Bar> read(Path file, Timeframe tf) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + " must hold a JSON array of bars {t, o, h, l, c, v}");
        }
        List<Bar> bars = new ArrayList<>();
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            for (String k : new String[] {"t", "o", "h", "l", "c", "v"}) {
                if (!n.hasNonNull(k)) {
                    throw new IllegalArgumentException("bar " + i + " has no '" + k + "'");
                }
            }
            long t = n.get("t").asLong();
            if (t <= prev) {
                throw new IllegalArgumentException("bar " + i + " (t=" + t + ") is not after the bar before it");
            }
            prev = t;
            try {
                bars.add(new Bar("REPLAY", "replay", tf, t, decimal(n.get("o")), decimal(n.get("h")),
                        decimal(n.get("l")), decimal(n.get("c")), decimal(n.get("v")), 0));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bar " + i + ": " + e.getMessage());
            }
        }
        return bars;
    }

    private static BigDecimal decimal(JsonNode n) {
        return new BigDecimal(n.asText());
    }
}
