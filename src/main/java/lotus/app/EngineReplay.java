package lotus.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lotus.engine.EngineTracker;
import lotus.market.Bar;
import lotus.store.EngineJson;
import lotus.time.Timeframe;

/** {@code lotus engine replay}: the Uptrend Engine bar by bar over a file of bars, outside the PM. */
public final class EngineReplay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineReplay() {
    }

    /**
     * Reads {@code [{t, o, h, l, c, v}, ...]}; numbers may be JSON numbers or decimal strings.
     *
     * @throws IllegalArgumentException not JSON, or a bar missing a field, out of order or not a valid bar
     */
    public static List<Bar> read(Path file, Timeframe tf) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
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

    /** One JSON line per bar, in order, to {@code lines}: the engine's whole output after that bar. */
    public static void run(List<Bar> bars, Consumer<String> lines) {
        EngineTracker tracker = new EngineTracker();
        try {
            for (Bar b : bars) {
                lines.accept(JSON.writeValueAsString(EngineJson.toJson(tracker.advance(b))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BigDecimal decimal(JsonNode n) {
        return new BigDecimal(n.asText());
    }
}
