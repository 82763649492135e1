package lotus.web;

import java.util.List;
import java.util.Objects;

/**
 * The running ingest's health as {@code /api/ingest} shows it: per WebSocket stream its connection and counters,
 * the writer's lag, and the REST weight spent in the last minute against its budget. Filled by the process that
 * ingests ({@code run}, {@code demo}); {@code lotus serve} has none.
 *
 * @param line the ingest's one-line status, as the terminal prints it
 */
public record IngestHealth(String line, List<Stream> streams, long lagMs, long restWeightUsed, int restWeightLimit) {

    /** One WebSocket stream ({@code majors}, {@code trading}): counters since the process started. */
    public record Stream(String name, boolean connected, int subscriptions, long tradesReceived, long tradesDropped,
            long tradesRejected, long malformedFrames, long reconnects, long holes, long repairs) {

        public Stream {
            Objects.requireNonNull(name, "name");
        }
    }

    public IngestHealth {
        Objects.requireNonNull(line, "line");
        streams = List.copyOf(streams);
    }
}
