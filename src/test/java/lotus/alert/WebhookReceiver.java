package lotus.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A webhook (or Bot API) receiver on 127.0.0.1 and a free port for tests: keeps every JSON body and path. */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BlockingQueue<JsonNode> bodies = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> paths = new LinkedBlockingQueue<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            paths.add(ex.getRequestURI().getPath());
            bodies.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
    }

    /** A URL with a secret-looking path, as Slack's are. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T000/B000/secretpath";
    }

    /** The next body posted, waiting up to 5 s; null when none came. */
    public JsonNode next() throws InterruptedException {
        return bodies.poll(5, TimeUnit.SECONDS);
    }

    /** The base URL, as a Bot API stand-in is configured. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The path of the next request, in the order they came; null when none came in 5 s. */
    public String nextPath() throws InterruptedException {
        return paths.poll(5, TimeUnit.SECONDS);
    }

    /** How many bodies wait unread. */
    public int pending() {
        return bodies.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
