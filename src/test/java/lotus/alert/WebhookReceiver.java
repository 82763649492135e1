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

/** A webhook receiver on 127.0.0.1 and a free port for tests: keeps every JSON body posted to it. */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BlockingQueue<JsonNode> bodies = new LinkedBlockingQueue<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
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

    /** How many bodies wait unread. */
    public int pending() {
        return bodies.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
