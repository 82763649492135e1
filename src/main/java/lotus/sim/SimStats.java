package lotus.sim;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator counted, for tests and the demo's status line. Limit refusals are counted by kind:
 * {@value #CONNECTIONS}, {@value #OPENS_PER_MINUTE}, {@value #SUBSCRIPTIONS}, {@value #MESSAGES_PER_MINUTE},
 * {@value #REST_WEIGHT}.
 */
public final class SimStats {

    static final String CONNECTIONS = "connections";
    static final String OPENS_PER_MINUTE = "opensPerMinute";
    static final String SUBSCRIPTIONS = "subscriptions";
    static final String MESSAGES_PER_MINUTE = "messagesPerMinute";
    static final String REST_WEIGHT = "restWeight";

    private final Map<String, AtomicLong> violations = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicLong opens = new AtomicLong();
    private final AtomicLong restWeightUsed = new AtomicLong();
    private final AtomicLong http429 = new AtomicLong();
    private final AtomicLong exchangeActions = new AtomicLong();
    private final AtomicLong droppedExchangeResponses = new AtomicLong();
    /** Per client IP: the most REST weight charged within any 60 s of simulated time. */
    private final Map<String, Long> maxRestWeightPerMinute = new ConcurrentHashMap<>();

    /** Every refusal of any limit. */
    public long limitViolations() {
        return violations.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public Map<String, Long> violationsByKind() {
        Map<String, Long> copy = new TreeMap<>();
        violations.forEach((kind, count) -> copy.put(kind, count.get()));
        return copy;
    }

    /** WebSocket connections open now. */
    public int connections() {
        return connections.get();
    }

    /** Live subscriptions now, over all connections. */
    public int subscriptions() {
        return subscriptions.get();
    }

    /** WebSocket connections accepted since start. */
    public long opens() {
        return opens.get();
    }

    /** REST weight charged since start (refused requests cost nothing). */
    public long restWeightUsed() {
        return restWeightUsed.get();
    }

    /** REST answers refused with HTTP 429 since start. */
    public long http429() {
        return http429.get();
    }

    /** {@code /exchange} actions that passed signature, signer and nonce checks and were executed. */
    public long exchangeActions() {
        return exchangeActions.get();
    }

    /**
     * The most REST weight ({@code /info} and {@code /exchange}) one IP spent within any sliding 60 s of simulated
     * time, over all IPs; 0 before the first request. Refused (429) requests cost nothing and are not counted.
     */
    public long maxRestWeightPerMinute() {
        return maxRestWeightPerMinute.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** {@link #maxRestWeightPerMinute()} per client IP. */
    public Map<String, Long> maxRestWeightPerMinuteByIp() {
        return new TreeMap<>(maxRestWeightPerMinute);
    }

    /** {@code /exchange} requests processed whose answer was dropped or replaced by a 5xx (unknown-outcome faults). */
    public long droppedExchangeResponses() {
        return droppedExchangeResponses.get();
    }

    void exchangeAction() {
        exchangeActions.incrementAndGet();
    }

    void droppedExchangeResponse() {
        droppedExchangeResponses.incrementAndGet();
    }

    void violation(String kind) {
        violations.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    void connectionOpened() {
        connections.incrementAndGet();
        opens.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    void subscriptionsChanged(int delta) {
        subscriptions.addAndGet(delta);
    }

    void restWeight(long weight) {
        restWeightUsed.addAndGet(weight);
    }

    /** The IP's window just held {@code windowWeight} after a charge: the window's maximum ends at some charge. */
    void restWindow(String ip, long windowWeight) {
        maxRestWeightPerMinute.merge(ip, windowWeight, Math::max);
    }

    void refused429() {
        http429.incrementAndGet();
        violation(REST_WEIGHT);
    }
}
