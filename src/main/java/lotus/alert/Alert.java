package lotus.alert;

import java.util.Locale;
import java.util.Objects;

/**
 * One thing an operator should hear about now, as the webhook posts it: {@code {"kind","book","text","time"}}.
 *
 * @param book   the book it concerns, or {@code global}
 * @param timeMs when it happened, on the process's clock
 */
public record Alert(Kind kind, String book, String text, long timeMs) {

    /** What happened; {@link #wire()} is the JSON's {@code kind}. */
    public enum Kind {
        /** A book (or the global scope) entered {@code reducing}: exits only. */
        REDUCING,
        /** A book (or the global scope) entered {@code halted}: no orders at all. */
        HALTED,
        /** The venue's account and the book disagree. */
        ACCOUNT_DRIFT,
        /** A buy was refused because the newest bar is old: the stream feeding the bars has stopped. */
        STALE_FEED,
        /** A market-data WebSocket went silent while subscribed and was dropped to reconnect. */
        STREAM_STALLED,
        /** The venue refused an order. */
        ORDER_REJECTED,
        /** The book's loss today passed {@code risk.daily_loss_stop_usd}. */
        DAILY_LOSS_STOP,
        /** A trade closed (only with {@code alerts.closed_trades}). */
        TRADE_CLOSED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(text, "text");
    }
}
