package lotus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A JDK WebSocket client that queues every text frame it receives and records how the connection ended. */
final class WsTestClient implements AutoCloseable {

    /** How the connection ended: a close frame's code, or an error (no close frame). */
    record Ending(Integer closeCode, String reason, Throwable error) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MS = 5_000;

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final WebSocket socket;

    private WsTestClient(HttpClient http, String url) {
        this.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Listener()).join();
    }

    static WsTestClient connect(HttpClient http, String url) {
        return new WsTestClient(http, url);
    }

    /** Connects and consumes the greeting, which the default config sends. */
    static WsTestClient connectGreeted(HttpClient http, String url) throws InterruptedException {
        WsTestClient client = connect(http, url);
        assertThat(client.next()).isEqualTo("Websocket connection established.");
        return client;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame; fails after five seconds. */
    String next() throws InterruptedException {
        String frame = frames.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame within %d ms", WAIT_MS).isNotNull();
        return frame;
    }

    JsonNode nextJson() throws InterruptedException {
        return parse(next());
    }

    /** The next frame of {@code channel}, skipping others. */
    JsonNode nextOn(String channel) throws InterruptedException {
        return nextMatching(frame -> channel.equals(frame.path("channel").asText()));
    }

    JsonNode nextMatching(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (frame != null) {
                JsonNode json = parse(frame);
                if (json != null && wanted.test(json)) {
                    return json;
                }
            }
        }
        throw new AssertionError("no matching frame within " + WAIT_MS + " ms");
    }

    /** Frames received so far and not yet taken. */
    List<String> drain() {
        List<String> taken = new ArrayList<>();
        frames.drainTo(taken);
        return taken;
    }

    Ending awaitEnding() {
        return ending.orTimeout(WAIT_MS, TimeUnit.MILLISECONDS).join();
    }

    /**
     * Pings the server, as a live client does every 30 s: on a connection the server cut, the write is what makes
     * the client's side notice (a read alone may wait on a half-closed socket). A ping that cannot be written ends
     * the connection as an error would, with no close frame.
     */
    void ping() {
        if (!ending.isDone()) {
            socket.sendPing(ByteBuffer.allocate(0)).exceptionally(e -> {
                ending.complete(new Ending(null, null, e));
                return null;
            });
        }
    }

    boolean ended() {
        return ending.isDone();
    }

    /** Null for text that is not JSON. */
    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Cuts the TCP connection without a close frame, as a crashed client would. */
    void abort() {
        if (!ending.isDone()) {
            socket.abort();
        }
    }

    @Override
    public void close() {
        abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ending.complete(new Ending(statusCode, reason, null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ending.complete(new Ending(null, null, error));
        }
    }
}
