package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lotus serve} as an operator starts it: a free port printed, the API there, a public bind refused. */
class ServeCommandTest {

    private static final Pattern URL =
            Pattern.compile("serve: operator API on (http://127\\.0\\.0\\.1:\\d+/)api/status");

    @TempDir
    Path dir;

    private Path config(String extra) throws Exception {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, "data_dir: " + dir.resolve("data") + "\n" + extra);
        return p;
    }

    @Test
    void serveOnPortZeroPrintsItsUrlAndTheTokenAndAnswersThere() throws Exception {
        String yaml = config("").toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread serve = new Thread(() -> exit.set(Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "--config", yaml, "serve", "--port", "0", "--seconds", "6")), "serve-under-test");
        serve.start();
        Matcher m = URL.matcher("");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!(m = URL.matcher(out.toString())).find() && System.nanoTime() < deadline && serve.isAlive()) {
            Thread.sleep(20);
        }
        assertThat(m.find(0)).as("out: %s err: %s", out, err).isTrue();
        String url = m.group(1);
        assertThat(url).doesNotEndWith(":0/");
        assertThat(out.toString()).containsPattern("serve: token for writes \\(generated, not kept\\): "
                + "[A-Za-z0-9_-]{32}\\R");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "api/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"mode\":\"serve\"").contains("\"kind\":\"sqlite\"");
        }
        serve.join(30_000);
        assertThat(exit.get()).as(err.toString()).isZero();
        assertThat(out.toString()).endsWith("serve: stopped" + System.lineSeparator());
    }

    @Test
    void servingBeyondLoopbackWithoutATokenIsRefusedWithOneLine() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "--config",
                config("server:\n  host: 0.0.0.0\n").toString(), "serve", "--port", "0", "--seconds", "1");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("lotus: serve: server.host 0.0.0.0 is not loopback: set server.token "
                + "(LOTUS_SERVER_TOKEN or LOTUS_SERVER_TOKEN_FILE) before serving beyond this machine"
                + System.lineSeparator());
        assertThat(out.toString()).doesNotContain("operator API");
    }
}
