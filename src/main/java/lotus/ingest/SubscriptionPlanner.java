package lotus.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits the trading tokens between WebSocket and REST polling within one per-IP subscription budget shared with the
 * majors (HYPERLIQUID.md §2.7: 1000 per IP, minus a reserve for execution feeds). Tokens with open positions get
 * WebSocket before watchlist tokens; ties keep a stable order by name, so a refresh does not shuffle tokens between
 * transports.
 */
public final class SubscriptionPlanner {

    /** A trading token and whether any of its positions holds inventory. */
    public record Candidate(String apiCoin, boolean open) {
    }

    public record Plan(List<String> websocket, List<String> rest) {
    }

    private final int subscriptionsPerIp;
    private final int reserve;

    public SubscriptionPlanner(int subscriptionsPerIp, int reserve) {
        if (reserve < 0 || reserve >= subscriptionsPerIp) {
            throw new IllegalArgumentException("subscription reserve must be in [0, " + subscriptionsPerIp + ")");
        }
        this.subscriptionsPerIp = subscriptionsPerIp;
        this.reserve = reserve;
    }

    public static SubscriptionPlanner hyperliquid() {
        return new SubscriptionPlanner(1000, 50);
    }

    /** Room left for trading tokens once the majors have theirs. */
    public int tradingBudget(int majors) {
        return Math.max(0, subscriptionsPerIp - reserve - majors);
    }

    public Plan plan(int majors, List<Candidate> candidates) {
        List<Candidate> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.comparing((Candidate c) -> !c.open()).thenComparing(Candidate::apiCoin));
        int budget = tradingBudget(majors);
        List<String> ws = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (Candidate c : ordered) {
            (ws.size() < budget ? ws : rest).add(c.apiCoin());
        }
        return new Plan(List.copyOf(ws), List.copyOf(rest));
    }
}
