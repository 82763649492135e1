package lotus.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The operator page's HTML shells, read once from {@code web-pages/} on the classpath (apart from {@code web/}, which
 * is served as static files without this policy: a shell served there could be framed); what they show comes from the
 * JSON API through their scripts, so the page and a script see the same figures.
 */
final class Pages {

    /**
     * Scripts and styles from this server only (uPlot is served from its WebJar), and no framing, so another site
     * cannot lay the halt button under a decoy. uPlot sizes its canvas through inline style attributes.
     */
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    final String overview = read("overview.html");
    final String position = read("position.html");
    final String trades = read("trades.html");

    static void send(Context ctx, String html) {
        ctx.header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store").contentType("text/html; charset=utf-8").result(html);
    }

    private static String read(String name) {
        try (InputStream in = Pages.class.getResourceAsStream("/web-pages/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
