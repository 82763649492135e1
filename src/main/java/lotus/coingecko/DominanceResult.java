package lotus.coingecko;

/** One call's outcome: a sample, or why this minute has none. */
public sealed interface DominanceResult {

    record Sampled(Dominance dominance) implements DominanceResult {
    }

    /** The minute misses its point; counted by the client, never thrown. */
    record Failed(Failure failure, String reason) implements DominanceResult {
    }

    /** What went wrong, one counter each. */
    enum Failure {
        /** Our own budget had no room before the minute ended: nothing was sent. */
        NO_BUDGET,
        /** HTTP 429 on every attempt the bounded backoff allowed. */
        RATE_LIMITED,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** Another non-200 status (a bad key: 401, 403). */
        HTTP_STATUS,
        /** No answer: connection refused or reset, timeout. */
        TRANSPORT,
        /** A body that is not whole JSON: an HTML error page, a truncated answer. */
        NOT_JSON,
        /** JSON without usable {@code data.market_cap_percentage.btc} / {@code .usdt}. */
        MALFORMED
    }
}
