package lotus.learning;

import lotus.store.LearningTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import lotus.store.Database;
import lotus.store.Strands;
import lotus.store.TestDatabases;
import lotus.time.SimulatedClock;

/** A real database with its strand table, where tests close trades and learn from them. */
final class LearningWorld implements AutoCloseable {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final long DAY_MS = 86_400_000L;
    static final ObjectMapper JSON = new ObjectMapper();

    final Database db;
    final Strands strands;
    private int tradeCounter;

    LearningWorld(TestDatabases.Kind kind, Path dir) {
        db = TestDatabases.open(kind, dir);
        strands = new Strands(db, SimulatedClock.manual(T0));
    }

    static LearningWorld sqlite(Path dir) {
        return new LearningWorld(TestDatabases.Kind.SQLITE, dir);
    }

    /** A closed trade as the PM writes it; null scope values are left out of the strand. */
    record Trade(String chain, String book, String timeframe, String ticker, String state, String event, double rr,
            double returnFraction, long closedAtMs) {

        ObjectNode scopeJson() {
            ObjectNode o = JSON.createObjectNode();
            putIfPresent(o, "book_id", book);
            putIfPresent(o, "token_chain", chain);
            putIfPresent(o, "timeframe", timeframe);
            putIfPresent(o, "token_ticker", ticker);
            putIfPresent(o, "entry_state", state);
            putIfPresent(o, "entry_event", event);
            return o;
        }

        ObjectNode payloadJson(String tradeId) {
            ObjectNode o = JSON.createObjectNode();
            o.put("trade_id", tradeId);
            o.put("rr", rr);
            o.put("return", returnFraction);
            o.put("outcome", rr > 2 ? "big_win" : rr < -1 ? "big_loss" : rr > 0.5 ? "small_win" : rr < 0 ? "small_loss"
                    : "breakeven");
            o.put("hold_class", "short");
            o.put("closed_at_ms", closedAtMs);
            return o;
        }

        Trade rr(double newRr) {
            return new Trade(chain, book, timeframe, ticker, state, event, newRr, returnFraction, closedAtMs);
        }

        Trade closedAt(long ms) {
            return new Trade(chain, book, timeframe, ticker, state, event, rr, returnFraction, ms);
        }

        private static void putIfPresent(ObjectNode o, String key, String value) {
            if (value != null) {
                o.put(key, value);
            }
        }
    }

    /** A hyperliquid/perps trade closed at T0 with a return of rr / 100. */
    static Trade perps(String timeframe, String ticker, String state, String event, double rr) {
        return new Trade("hyperliquid", "perps", timeframe, ticker, state, event, rr, rr / 100, T0);
    }

    static Trade in(String chain, String book, String timeframe, String ticker, String state, String event, double rr) {
        return new Trade(chain, book, timeframe, ticker, state, event, rr, rr / 100, T0);
    }

    static Scope buy(String chain, String book, String timeframe, String ticker, String state, String event) {
        return new Scope(book, chain, timeframe, ticker, state, event);
    }

    long close(Trade t) {
        return strands.append(LearningSystem.POSITION_CLOSED, t.scopeJson(), t.payloadJson("t" + (++tradeCounter)));
    }

    void close(int times, Trade t) {
        for (int i = 0; i < times; i++) {
            close(t);
        }
    }

    long closeRaw(JsonNode scope, JsonNode payload) {
        return strands.append(LearningSystem.POSITION_CLOSED, scope, payload);
    }

    /** A learning system loaded from the database and caught up with every strand. */
    LearningSystem learned() {
        LearningSystem system = new LearningSystem(new lotus.store.ClosedTradeStrands(strands), new LearningTables(db));
        system.catchUp();
        return system;
    }

    @Override
    public void close() {
        TestDatabases.dispose(db);
    }
}
