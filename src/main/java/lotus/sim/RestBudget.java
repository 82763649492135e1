package lotus.sim;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-IP REST weight budget shared by {@code /info} and {@code /exchange} (HYPERLIQUID.md §3): a sliding minute
 * of simulated time per client IP. Over budget → HTTP 429 and nothing is charged.
 */
final class RestBudget {

    /** The 429 body is undocumented on the venue; this one is ours (unverified). */
    static final String RATE_LIMITED = "Too many requests";

    private final int weightPerMinute;
    private final SimStats stats;
    private final Map<String, SlidingWindow> windows = new HashMap<>();

    RestBudget(SimConfig.Limits limits, SimStats stats) {
        this.weightPerMinute = limits.restWeightPerMinute();
        this.stats = stats;
    }

    /** Charges {@code weight} to the request's IP, or answers 429 and returns false. */
    boolean charge(Context ctx, long nowMs, int weight) {
        boolean allowed;
        long windowWeight;
        String ip = ctx.ip();
        synchronized (windows) {
            SlidingWindow window = windows.computeIfAbsent(ip, k -> new SlidingWindow(60_000));
            allowed = window.tryAdd(nowMs, weight, weightPerMinute);
            windowWeight = window.used(nowMs);
        }
        if (allowed) {
            stats.restWindow(ip, windowWeight);
        }
        if (!allowed) {
            stats.refused429();
            ctx.status(429).contentType("text/plain").result(RATE_LIMITED);
            return false;
        }
        stats.restWeight(weight);
        return true;
    }
}
