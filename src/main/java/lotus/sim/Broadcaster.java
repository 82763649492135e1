package lotus.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.market.Trade;

/**
 * Turns what the market printed into data frames for the subscribers, applying the injected faults. One pump step:
 * one trades frame per coin with everything new, the changed candles, allMids and l2Book (each at most every 0.5 s of
 * simulated time). Also answers the snapshot frames right after a subscribe. Called only under {@link WsHub}'s lock,
 * so frames leave in a consistent order (an ack always precedes the subscription's first data frame).
 */
final class Broadcaster {

    /** l2Book pushes at most every 0.5 s (HYPERLIQUID.md §2.3, unverified); allMids follows the same pace. */
    private static final long BOOK_INTERVAL_MS = 500;
    private static final long MIDS_INTERVAL_MS = 500;
    private static final int RECENT_TRADES = 10;
    /**
     * Reordering holds back about one trades frame in three until the coin's next frame has gone out, or at most
     * this many pumps (about 2 s at the default pace) when the coin goes quiet.
     */
    private static final int HOLD_BACK_ONE_IN = 3;
    private static final long MAX_HOLD_PUMPS = 100;
    private static final long NEVER = Long.MIN_VALUE / 4;

    private record Batch(String coin, List<Trade> trades) {
    }

    private record Delayed(long releaseMs, Batch batch) {
    }

    private record Held(Batch batch, long sincePump) {
    }

    private final SimConfig config;
    private final SimMarket market;
    private final FaultState faults;
    private final TradeTags tags;
    private final SimExchange exchange;
    private final UserOutbox outbox;
    private final SplittableRandom random;
    private final Map<String, ArrayDeque<Trade>> recent = new HashMap<>();
    private final Map<String, Long> printed = new HashMap<>();
    private final List<Delayed> delayed = new ArrayList<>();
    private final Map<String, Held> heldBack = new LinkedHashMap<>();
    private long pumps;
    private boolean midsChanged;
    private long midsPushedMs = NEVER;

    Broadcaster(SimConfig config, SimMarket market, FaultState faults, TradeTags tags, SimExchange exchange,
            UserOutbox outbox) {
        this.config = config;
        this.market = market;
        this.faults = faults;
        this.tags = tags;
        this.exchange = exchange;
        this.outbox = outbox;
        this.random = new SplittableRandom(TradeTags.mix(config.seed() ^ 0xF4017L));
    }

    void step(long nowMs, Collection<WsSession> sessions) {
        pushUserFrames(sessions);
        List<Batch> outgoing = new ArrayList<>();
        for (Map.Entry<String, List<Trade>> fresh : market.drainNew().entrySet()) {
            Batch batch = new Batch(fresh.getKey(), fresh.getValue());
            remember(batch);
            Long delayMs = faults.coinDelayMs.get(batch.coin());
            if (delayMs != null) {
                delayed.add(new Delayed(nowMs + delayMs, batch));
            } else {
                outgoing.add(batch);
            }
        }
        for (Iterator<Delayed> it = delayed.iterator(); it.hasNext(); ) {
            Delayed held = it.next();
            if (held.releaseMs() <= nowMs || !faults.coinDelayMs.containsKey(held.batch().coin())) {
                outgoing.add(held.batch());
                it.remove();
            }
        }
        sendTrades(outgoing, sessions);
        if (faults.stallData) {
            return;
        }
        pushCandles(sessions);
        pushMids(nowMs, sessions);
        pushBooks(nowMs, sessions);
    }

    /**
     * The frames a new subscription gets at once (nothing while market data is stalled; pushes catch up afterwards).
     * A userFills subscription gets the user's recent fills flagged {@code isSnapshot}; orderUpdates gets nothing.
     */
    void snapshot(WsSession session, WsSession.SubState state, long nowMs) {
        Subscription sub = state.subscription;
        if (sub.type() == Subscription.Type.USER_FILLS) {
            List<SimFill> fills = exchange.fills(sub.user());
            session.send(UserFrames.userFillsFrame(sub.user(),
                    fills.subList(0, Math.min(fills.size(), AccountAnswers.MAX_FILLS)), true));
            return;
        }
        if (faults.stallData) {
            return;
        }
        switch (sub.type()) {
            case TRADES -> {
                ArrayDeque<Trade> last = recent.get(sub.coin());
                if (config.tradeSnapshotOnSubscribe() && last != null && !last.isEmpty()) {
                    sendData(session, Frames.trades(List.copyOf(last), tags));
                }
            }
            case CANDLE -> {
                SimMarket.LatestCandle latest = market.latestCandle(sub.coin(), sub.interval());
                if (latest.bar() != null) {
                    sendData(session, Frames.candleFrame(latest.bar()));
                    state.candleVersion = latest.version();
                    state.candleOpenMs = latest.bar().openTimeMs();
                }
            }
            case ALL_MIDS -> sendData(session, Frames.allMidsFrame(market.mids()));
            case L2_BOOK -> {
                sendData(session, Frames.bookFrame(market.book(sub.coin(), nowMs)));
                state.lastPushMs = nowMs;
                state.coinTrades = printed.getOrDefault(sub.coin(), 0L);
            }
            case USER_FILLS, ORDER_UPDATES -> {
                // userFills answered above; orderUpdates has no snapshot (HYPERLIQUID.md §2.5)
            }
        }
    }

    /**
     * What the exchange queued for user streams, in its order, to every session subscribed. Market-data faults do not
     * touch these frames. A fill applied while its user subscribed can reach the snapshot and this push both, as
     * after a venue resubscribe: clients dedupe by tid.
     */
    private void pushUserFrames(Collection<WsSession> sessions) {
        for (UserOutbox.Frame frame : outbox.drain()) {
            for (WsSession session : sessions) {
                if (session.subscriptions.containsKey(frame.subscriptionKey())) {
                    session.send(frame.text());
                }
            }
        }
    }

    private void remember(Batch batch) {
        ArrayDeque<Trade> last = recent.computeIfAbsent(batch.coin(), c -> new ArrayDeque<>());
        for (Trade trade : batch.trades()) {
            if (last.size() == RECENT_TRADES) {
                last.removeFirst();
            }
            last.addLast(trade);
        }
        printed.merge(batch.coin(), (long) batch.trades().size(), Long::sum);
        midsChanged = true;
    }

    private void sendTrades(List<Batch> outgoing, Collection<WsSession> sessions) {
        pumps++;
        List<Batch> toSend = new ArrayList<>();
        for (Batch batch : outgoing) {
            Held held = heldBack.remove(batch.coin());
            if (!faults.reorderTrades) {
                if (held != null) {
                    toSend.add(held.batch());
                }
                toSend.add(batch);
                continue;
            }
            Batch reversed = new Batch(batch.coin(), batch.trades().reversed());
            if (held != null) {
                toSend.add(reversed);
                toSend.add(held.batch()); // the older tids arrive after the newer frame
            } else if (random.nextInt(HOLD_BACK_ONE_IN) == 0) {
                heldBack.put(batch.coin(), new Held(reversed, pumps));
            } else {
                toSend.add(reversed);
            }
        }
        // A coin that stopped trading, or reordering switched off, must not keep its frame forever.
        for (Iterator<Held> it = heldBack.values().iterator(); it.hasNext(); ) {
            Held held = it.next();
            if (!faults.reorderTrades || pumps - held.sincePump() > MAX_HOLD_PUMPS) {
                toSend.add(held.batch());
                it.remove();
            }
        }
        if (faults.stallData) {
            return;
        }
        for (Batch batch : toSend) {
            String key = Subscription.trades(batch.coin()).json();
            String frame = null;
            for (WsSession session : sessions) {
                if (session.subscriptions.containsKey(key)) {
                    frame = frame != null ? frame : Frames.trades(batch.trades(), tags);
                    sendData(session, frame);
                }
            }
        }
    }

    /**
     * Each candle subscriber gets the newest candle when it changed. When a new candle has opened since the last
     * push, the final state of the previous one goes first, so WebSocket-built bars agree with candleSnapshot.
     */
    private void pushCandles(Collection<WsSession> sessions) {
        Map<String, SimMarket.LatestCandle> latestByKey = new HashMap<>();
        for (WsSession session : sessions) {
            for (WsSession.SubState state : session.subscriptions.values()) {
                Subscription sub = state.subscription;
                if (sub.type() != Subscription.Type.CANDLE) {
                    continue;
                }
                SimMarket.LatestCandle latest = latestByKey.computeIfAbsent(sub.json(),
                        k -> market.latestCandle(sub.coin(), sub.interval()));
                if (latest.bar() == null || latest.version() == state.candleVersion) {
                    continue;
                }
                if (state.candleOpenMs != Long.MIN_VALUE && state.candleOpenMs != latest.bar().openTimeMs()) {
                    Bar previous = market.candleAt(sub.coin(), sub.interval(), state.candleOpenMs);
                    if (previous != null) {
                        sendData(session, Frames.candleFrame(previous));
                    }
                }
                sendData(session, Frames.candleFrame(latest.bar()));
                state.candleVersion = latest.version();
                state.candleOpenMs = latest.bar().openTimeMs();
            }
        }
    }

    private void pushMids(long nowMs, Collection<WsSession> sessions) {
        if (!midsChanged || nowMs - midsPushedMs < MIDS_INTERVAL_MS) {
            return;
        }
        String frame = null;
        for (WsSession session : sessions) {
            for (WsSession.SubState state : session.subscriptions.values()) {
                if (state.subscription.type() == Subscription.Type.ALL_MIDS) {
                    frame = frame != null ? frame : Frames.allMidsFrame(market.mids());
                    sendData(session, frame);
                }
            }
        }
        midsChanged = false;
        midsPushedMs = nowMs;
    }

    private void pushBooks(long nowMs, Collection<WsSession> sessions) {
        Map<String, String> frames = new HashMap<>();
        for (WsSession session : sessions) {
            for (WsSession.SubState state : session.subscriptions.values()) {
                Subscription sub = state.subscription;
                if (sub.type() != Subscription.Type.L2_BOOK) {
                    continue;
                }
                long trades = printed.getOrDefault(sub.coin(), 0L);
                boolean due = state.lastPushMs == Long.MIN_VALUE || nowMs - state.lastPushMs >= BOOK_INTERVAL_MS;
                if (trades != state.coinTrades && due) {
                    sendData(session, frames.computeIfAbsent(sub.coin(),
                            coin -> Frames.bookFrame(market.book(coin, nowMs))));
                    state.lastPushMs = nowMs;
                    state.coinTrades = trades;
                }
            }
        }
    }

    private void sendData(WsSession session, String frame) {
        session.send(frame);
        if (faults.duplicateFrames) {
            session.send(frame);
        }
    }
}
