package lotus.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How an alert becomes one HTTP POST: the JSON webhook's body, or a chat message through Telegram's Bot API. Both
 * URLs carry a secret (a webhook's path, the bot's token), so only {@link #host} is ever shown.
 */
public sealed interface Delivery {

    /** {@code webhook} or {@code telegram}: the target's name in logs and meters. */
    String name();

    /** The receiver's host: the one part of the URL that may be shown. */
    String host();

    HttpRequest request(Alert alert);

    /**
     * {@code {"kind","book","text","time"}} to {@code url} ({@code alerts.webhook_url}; Slack's and Mattermost's
     * incoming webhooks show {@code text} as it is).
     *
     * @throws IllegalArgumentException {@code url} is not an http(s) URL with a host (the message names no part of it)
     */
    static Delivery webhook(String url) {
        return new Webhook(httpUrl(url, "alerts.webhook_url"));
    }

    /**
     * A message to one chat through the Bot API's {@code sendMessage} at {@code apiUrl}
     * ({@code https://api.telegram.org}, or a local stand-in).
     */
    static Delivery telegram(String apiUrl, String botToken, String chatId) {
        return new Telegram(httpUrl(apiUrl, "alerts.telegram_api_url"), botToken, chatId);
    }

    private static URI httpUrl(String url, String key) {
        URI u;
        try {
            u = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL (value not shown)");
        }
        if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
            throw new IllegalArgumentException(key + " must be an http(s) URL with a host (value not shown)");
        }
        return u;
    }

    private static HttpRequest post(URI url, String json) {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** See {@link #webhook}. */
    record Webhook(URI url) implements Delivery {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public String name() {
            return "webhook";
        }

        @Override
        public String host() {
            return url.getHost();
        }

        @Override
        public HttpRequest request(Alert a) {
            return post(url, JSON.createObjectNode().put("kind", a.kind().wire()).put("book", a.book())
                    .put("text", a.text()).put("time", Instant.ofEpochMilli(a.timeMs()).toString()).toString());
        }

        @Override
        public String toString() {
            return "Webhook[host=" + host() + "]";
        }
    }

    /** See {@link #telegram}; the message reads {@code kind book: text}, since a chat shows no fields. */
    record Telegram(URI api, String botToken, String chatId) implements Delivery {
        private static final ObjectMapper JSON = new ObjectMapper();

        public Telegram {
            Objects.requireNonNull(botToken, "botToken");
            Objects.requireNonNull(chatId, "chatId");
        }

        @Override
        public String name() {
            return "telegram";
        }

        @Override
        public String host() {
            return api.getHost();
        }

        @Override
        public HttpRequest request(Alert a) {
            String base = api.toString().replaceAll("/+$", "");
            return post(URI.create(base + "/bot" + botToken + "/sendMessage"), JSON.createObjectNode()
                    .put("chat_id", chatId).put("text", a.kind().wire() + " " + a.book() + ": " + a.text())
                    .put("disable_web_page_preview", true).toString());
        }

        @Override
        public String toString() {
            return "Telegram[host=" + host() + ", chat=" + chatId + "]";
        }
    }
}
