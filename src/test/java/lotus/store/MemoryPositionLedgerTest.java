package lotus.store;

import lotus.engine.EngineState;
import lotus.learning.Scope;
import lotus.pm.ActionRecord;
import lotus.pm.Ae;
import lotus.pm.DecisionType;
import lotus.pm.Pnl;
import lotus.pm.PlannerMemory;
import lotus.pm.Position;
import lotus.pm.PositionFeatures;
import lotus.pm.StrandEvent;
import lotus.pm.TradeClosure;
import lotus.pm.PositionStatus;
import lotus.pm.PositionLedger;
import lotus.pm.StalePositionException;
import lotus.store.StrandLog;
import lotus.store.Strand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.LongStream;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MemoryPositionLedger} keeps positions and strands as the database does: the same calls leave the same rows
 * (ids, versions, times, fields) and the same strands as {@link StoredPositionLedger} over {@link Positions} and
 * {@link Strands}, and refuse the same writes the same way. The reference is the database, once SQLite and once
 * PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class MemoryPositionLedgerTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TOKENS = {"ETH", "SOL", "0xabc", "PEPE"};
    private static final String[] CHAINS = {"hyperliquid", "solana", "base"};
    private static final String[] BOOKS = {"perps", "spot", "social"};
    private static final String[] KINDS = {"position_closed", "pm_execution", "engine_transition"};
    private static final String[] KEYS = {"engine_v9", "t", "x_pnl", "action_v0", "memory", "note"};
    private static final int[] LIMITS = {0, 1, 2, 3, 7, 100, Integer.MAX_VALUE};

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    /** Both ledgers, on one clock, each from empty. */
    private final class Ledgers implements AutoCloseable {
        final SimulatedClock clock = SimulatedClock.manual(T0);
        final Database db;
        final Positions positions;
        final Strands strands;
        final StoredPositionLedger stored;
        final MemoryPositionLedger memory;

        Ledgers(String name) throws Exception {
            db = TestDatabases.open(kind, Files.createDirectories(dir.resolve(name)));
            positions = new Positions(db, clock);
            strands = new Strands(db, clock);
            stored = new StoredPositionLedger(db, positions, strands);
            memory = new MemoryPositionLedger(clock);
        }

        /** One ledger seen through what the PM and learning use of it, with the insert that comes with it. */
        List<View> both() {
            return List.of(new View("memory", memory::insert, memory, memory),
                    new View("database", positions::insert, stored, strands));
        }

        @Override
        public void close() {
            TestDatabases.dispose(db);
        }
    }

    private record View(String name, Function<NewPosition, Position> insert, PositionLedger ledger, StrandLog log) {
    }

    /**
     * JSON as a database gives it back: the memory ledger keeps the caller's nodes (a {@code LongNode} 7 stays one),
     * the database what Jackson parses from the stored text (an {@code IntNode} 7). Same JSON, other node classes.
     */
    private static JsonNode canon(JsonNode n) {
        try {
            return n == null ? null : JSON.readTree(JSON.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Strand> canonStrands(List<Strand> ss) {
        return ss.stream().map(s -> new Strand(s.id(), s.kind(), canon(s.scope()), canon(s.payload()),
                s.createdAtMs())).toList();
    }

    /** A JSON value of the kinds the PM writes: small and large integers, 3-decimal doubles, text, nesting. */
    private static JsonNode value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 1 ? 7 : 9)) {
            case 0 -> JSON.getNodeFactory().numberNode(r.nextInt(-1000, 1000));
            case 1 -> JSON.getNodeFactory().numberNode(r.nextLong(0, 50)); // a LongNode that reads back as an int
            case 2 -> JSON.getNodeFactory().numberNode(T0 + r.nextLong(1_000_000_000L));
            case 3 -> JSON.getNodeFactory().numberNode(Math.round((r.nextDouble() - 0.5) * 2e6) / 1000.0);
            case 4 -> JSON.getNodeFactory().textNode("S" + r.nextInt(4) + "." + r.nextInt(100));
            case 5 -> r.nextBoolean() ? JSON.getNodeFactory().booleanNode(r.nextBoolean())
                    : JSON.getNodeFactory().nullNode();
            case 6 -> JSON.getNodeFactory().textNode("");
            case 7 -> object(r, depth + 1);
            default -> array(r, depth + 1);
        };
    }

    private static ObjectNode object(SplittableRandom r, int depth) {
        ObjectNode o = JSON.createObjectNode();
        for (int i = r.nextInt(5); i > 0; i--) {
            o.set(KEYS[r.nextInt(KEYS.length)], value(r, depth));
        }
        return o;
    }

    private static ArrayNode array(SplittableRandom r, int depth) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = r.nextInt(4); i > 0; i--) {
            a.add(value(r, depth));
        }
        return a;
    }

    /** Up to 12 decimals and either sign; never a negative scale, which the SQLite text column would not keep. */
    private static BigDecimal decimal(SplittableRandom r) {
        return BigDecimal.valueOf(r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L), r.nextInt(13));
    }

    /** Typed state of every kind the PM keeps, some of it absent, and keys this version does not know. */
    private static PositionFeatures features(SplittableRandom r) {
        // Unknown keys with scalar values: PostgreSQL's jsonb keeps an object's keys in an order of its own.
        Map<String, String> other = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            other.put(KEYS[r.nextInt(KEYS.length)], value(r, 2).toString());
        }
        PositionFeatures f = new PositionFeatures(null, PlannerMemory.FRESH, null, null, null, null, null, other);
        if (r.nextBoolean()) {
            f = f.withAe(new Ae(r.nextInt(1001) / 1000.0, r.nextInt(1001) / 1000.0, List.of()));
        }
        if (r.nextBoolean()) {
            f = f.withPnl(new Pnl(decimal(r), decimal(r), decimal(r), decimal(r), decimal(r), decimal(r),
                    decimal(r), decimal(r), decimal(r), decimal(r)));
        }
        if (r.nextBoolean()) {
            f = f.withLastAction(action(r));
        }
        if (r.nextBoolean()) {
            f = f.withMemory(new PlannerMemory("t" + r.nextInt(9), r.nextBoolean(), r.nextBoolean(), null, null,
                    decimal(r).abs(), r.nextInt(3), null, T0 + r.nextInt(1000), decimal(r).abs(), r.nextBoolean(),
                    r.nextBoolean()));
        }
        return f;
    }

    private static ActionRecord action(SplittableRandom r) {
        return new ActionRecord(T0 + r.nextLong(1_000_000), DecisionType.values()[r.nextInt(4)], decimal(r).abs(),
                r.nextBoolean() ? null : decimal(r).abs(), r.nextInt(5), r.nextBoolean() ? null : "S2.dip_buy", null,
                r.nextBoolean());
    }

    private static List<TradeClosure.ClosedTrade> trades(SplittableRandom r) {
        List<TradeClosure.ClosedTrade> out = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            long entry = T0 + r.nextLong(1_000_000_000L);
            out.add(new TradeClosure.ClosedTrade("t" + r.nextInt(100), new TradeClosure.Entry(entry,
                    r.nextBoolean() ? null : "S1", "S1.retest_entry"), entry + r.nextLong(1_000_000), decimal(r),
                    decimal(r), r.nextInt(1000) / 1000.0, r.nextInt(1000) / 1000.0, r.nextInt(1000) / 1000.0,
                    r.nextInt(1000) / 1000.0, r.nextInt(-33_000, 33_000) / 1000.0, "small_win", "short", decimal(r),
                    decimal(r), decimal(r), decimal(r), decimal(r), "trim", r.nextInt(100)));
        }
        return out;
    }

    /** {@code p} with every mutable field, some of them, or none changed, as a tick might leave it. */
    private static Position changed(SplittableRandom r, Position p) {
        boolean all = r.nextBoolean();
        return new Position(p.id(), p.tokenContract(), p.tokenChain(),
                all && r.nextInt(3) == 0 ? (r.nextBoolean() ? null : "T" + r.nextInt(10)) : p.tokenTicker(),
                p.timeframe(),
                all && r.nextInt(3) == 0 ? BOOKS[r.nextInt(BOOKS.length)] : p.bookId(),
                all || r.nextBoolean() ? PositionStatus.values()[r.nextInt(PositionStatus.values().length)] : p.status(),
                r.nextInt(4) == 0 ? null : EngineState.values()[r.nextInt(4)],
                r.nextInt(5) == 0 ? p.features() : features(r),
                all ? decimal(r) : p.quantity(),
                all ? decimal(r) : p.dust(),
                all ? decimal(r) : p.totalAllocationPct(),
                all ? decimal(r) : p.totalAllocationUsd(),
                all ? decimal(r) : p.totalExtractedUsd(),
                all ? decimal(r) : p.totalTokensBought(),
                all ? decimal(r) : p.totalTokensSold(),
                all ? decimal(r) : p.totalFeesUsd(),
                all ? (r.nextInt(3) == 0 ? null : decimal(r)) : p.avgEntryPrice(),
                all ? (r.nextInt(3) == 0 ? null : "trade-" + r.nextInt(1000)) : p.currentTradeId(),
                r.nextInt(3) == 0 ? trades(r) : p.completedTrades(),
                p.version(), p.createdAtMs(), p.updatedAtMs());
    }

    private static Position ghost(long id) {
        return new Position(id, "GHOST", "solana", null, Timeframe.H1, "social", PositionStatus.ACTIVE, null,
                PositionFeatures.EMPTY, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO,
                BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE, null, List.of(), 0, T0, T0);
    }

    private static StrandEvent strand(SplittableRandom r) {
        Scope scope = new Scope(BOOKS[r.nextInt(BOOKS.length)], CHAINS[r.nextInt(CHAINS.length)],
                r.nextBoolean() ? "1h" : null, r.nextBoolean() ? "ETH" : null, null, null);
        long id = r.nextLong(1, 50);
        return switch (r.nextInt(3)) {
            case 0 -> new StrandEvent.EngineTransition(scope, id, T0 + r.nextLong(1_000_000_000L),
                    r.nextBoolean() ? null : EngineState.values()[r.nextInt(5)], EngineState.values()[r.nextInt(5)],
                    Math.round(r.nextDouble() * 1e6) / 1000.0, r.nextBoolean() ? null : "reason_" + r.nextInt(9));
            case 1 -> new StrandEvent.Execution(scope, id, action(r));
            default -> {
                List<TradeClosure.ClosedTrade> t = trades(r);
                yield t.isEmpty() ? new StrandEvent.Execution(scope, id, action(r))
                        : new StrandEvent.Closed(scope, id, t.get(0));
            }
        };
    }

    private static List<StrandEvent> strands(SplittableRandom r) {
        List<StrandEvent> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            out.add(strand(r));
        }
        return out;
    }

    private static NewPosition newPosition(String token, String chain, Timeframe tf, String book) {
        return new NewPosition(token, chain, token.startsWith("0x") ? null : token, tf, book, new BigDecimal("2.5"),
                new BigDecimal("250.00"));
    }

    /** The same rows of every timeframe and the same strands of every kind, paged from random cursors. */
    private static void assertSame(Ledgers l, SplittableRandom r, long seed, int step, long strandsWritten) {
        for (Timeframe tf : Timeframe.values()) {
            assertThat((l.memory.byTimeframe(tf))).as("seed %d step %d byTimeframe %s", seed, step, tf)
                    .isEqualTo((l.stored.byTimeframe(tf)));
        }
        for (String token : TOKENS) {
            for (String chain : CHAINS) {
                for (String book : BOOKS) {
                    assertThat(l.memory.ofToken(chain, book, token))
                            .as("seed %d step %d ofToken %s %s %s", seed, step, chain, book, token)
                            .isEqualTo(l.stored.ofToken(chain, book, token));
                }
            }
        }
        List<String> kinds = new ArrayList<>(List.of(KINDS));
        kinds.add("unknown_kind");
        for (String k : kinds) {
            assertThat(canonStrands(l.memory.byKind(k, 0, Integer.MAX_VALUE)))
                    .as("seed %d step %d every %s", seed, step, k)
                    .isEqualTo(canonStrands(l.strands.byKind(k, 0, Integer.MAX_VALUE)));
            for (int i = 0; i < 3; i++) {
                long afterId = r.nextLong(-1, strandsWritten + 3);
                int limit = LIMITS[r.nextInt(LIMITS.length)];
                assertThat(canonStrands(l.memory.byKind(k, afterId, limit)))
                        .as("seed %d step %d byKind(%s, %d, %d)", seed, step, k, afterId, limit)
                        .isEqualTo(canonStrands(l.strands.byKind(k, afterId, limit)));
            }
        }
    }

    @Test
    void aSeededRunOfInsertsRecordsAndAppendsLeavesTheSameRowsAndStrands() throws Exception {
        int records = 0;
        int refused = 0;
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            try (Ledgers l = new Ledgers("seed-" + seed)) {
                Map<Long, Position> latest = new LinkedHashMap<>();
                List<Position> superseded = new ArrayList<>();
                long strandsWritten = 0;
                for (int step = 0; step < 200; step++) {
                    l.clock.advanceMs(r.nextInt(3) == 0 ? 0 : r.nextLong(1, 5_000));
                    int op = r.nextInt(100);
                    if (op < 15 || latest.isEmpty()) {
                        NewPosition np = newPosition(TOKENS[r.nextInt(TOKENS.length)],
                                CHAINS[r.nextInt(CHAINS.length)],
                                Timeframe.values()[r.nextInt(Timeframe.values().length)],
                                BOOKS[r.nextInt(BOOKS.length)]);
                        boolean taken = latest.values().stream().anyMatch(p -> p.tokenContract().equals(
                                np.tokenContract()) && p.tokenChain().equals(np.tokenChain())
                                && p.timeframe() == np.timeframe());
                        if (taken) {
                            continue; // refused inserts have their own test: PostgreSQL spends an id on one
                        }
                        Position m = l.memory.insert(np);
                        assertThat(m).as("seed %d step %d insert", seed, step)
                                .isEqualTo(l.positions.insert(np));
                        latest.put(m.id(), m);
                    } else if (op < 65) {
                        Position current = new ArrayList<>(latest.values()).get(r.nextInt(latest.size()));
                        Position next = changed(r, current);
                        List<StrandEvent> with = strands(r);
                        boolean durable = r.nextBoolean();
                        Position m = l.memory.record(next, with, durable);
                        assertThat(m).as("seed %d step %d record", seed, step)
                                .isEqualTo(l.stored.record(next, with, durable));
                        assertThat(m.version()).isEqualTo(current.version() + 1);
                        assertThat(m.updatedAtMs()).isEqualTo(l.clock.nowMs());
                        superseded.add(current);
                        latest.put(m.id(), m);
                        strandsWritten += with.size();
                        records++;
                    } else if (op < 80) {
                        // A copy some record has since superseded, or an id nothing holds: both stale.
                        Position stale = superseded.isEmpty() || r.nextInt(5) == 0 ? ghost(1_000 + step)
                                : superseded.get(r.nextInt(superseded.size()));
                        Position write = changed(r, stale);
                        List<StrandEvent> with = strands(r);
                        boolean durable = r.nextBoolean();
                        Throwable fromMemory = catchThrowable(() -> l.memory.record(write, with, durable));
                        Throwable fromDb = catchThrowable(() -> l.stored.record(write, with, durable));
                        assertThat(fromMemory).as("seed %d step %d stale v%d of #%d", seed, step, write.version(),
                                write.id()).isInstanceOf(StalePositionException.class);
                        assertThat(fromDb).isInstanceOf(StalePositionException.class);
                        assertThat(fromMemory).hasMessage(fromDb.getMessage());
                        refused++;
                    } else if (op < 95) {
                        StrandEvent s = strand(r);
                        l.memory.append(s);
                        l.stored.append(s);
                        strandsWritten++;
                    } else {
                        assertSame(l, r, seed, step, strandsWritten);
                    }
                }
                assertSame(l, r, seed, 200, strandsWritten);
                // Refused writes appended nothing: every strand written is there once, with ids 1..n.
                List<Strand> all = new ArrayList<>();
                for (String k : KINDS) {
                    all.addAll(l.memory.byKind(k, 0, Integer.MAX_VALUE));
                }
                assertThat(all).extracting(Strand::id).as("seed %d", seed).hasSize((int) strandsWritten)
                        .containsExactlyInAnyOrderElementsOf(
                                LongStream.rangeClosed(1, strandsWritten).boxed().toList());
            }
        }
        assertThat(records).isGreaterThan(300);
        assertThat(refused).isGreaterThan(100);
    }

    @Test
    void recordWritesTheNextVersionAtTheClockWithItsStrandsOrNothingWhenStale() throws Exception {
        try (Ledgers l = new Ledgers("exact")) {
            for (View v : l.both()) {
                Position eth = v.insert().apply(newPosition("ETH", "hyperliquid", Timeframe.H1, "perps"));
                assertThat(eth.id()).as(v.name()).isEqualTo(1);
                assertThat(eth.version()).isZero();
                assertThat(eth.createdAtMs()).isEqualTo(T0);
                assertThat(eth.updatedAtMs()).isEqualTo(T0);
                assertThat(eth.status()).isEqualTo(PositionStatus.WATCHLIST);
                assertThat(eth.features()).isEqualTo(PositionFeatures.EMPTY);
                assertThat(eth.completedTrades()).isEmpty();
                assertThat(eth.quantity()).isEqualTo(BigDecimal.ZERO);
                assertThat(eth.totalAllocationUsd()).isEqualTo(new BigDecimal("250.00"));
                assertThat(eth.avgEntryPrice()).isNull();
                assertThat(eth.currentTradeId()).isNull();
            }
            l.clock.advanceMs(1_500);
            PositionFeatures features = PositionFeatures.EMPTY.withAe(new Ae(0.42, 0.5, List.of()));
            List<TradeClosure.ClosedTrade> trades = trades(new SplittableRandom(3));
            Scope scope = new Scope("perps", "hyperliquid", "1h", "ETH", null, null);
            for (View v : l.both()) {
                Position v0 = v.ledger().byTimeframe(Timeframe.H1).get(0);
                Position v1 = v.ledger().record(v0.withRecords(EngineState.S1, features, trades), List.of(
                        new StrandEvent.EngineTransition(scope, 1, T0, null, EngineState.S1, 42, null),
                        new StrandEvent.Execution(scope, 1, ActionRecord.orphan(DecisionType.ENTRY))), true);
                assertThat(v1.version()).as(v.name()).isEqualTo(1);
                assertThat(v1.createdAtMs()).isEqualTo(T0);
                assertThat(v1.updatedAtMs()).isEqualTo(T0 + 1_500);
                assertThat(v.ledger().byTimeframe(Timeframe.H1).get(0)).isEqualTo(v1);
                assertThat(v.log().byKind("engine_transition", 0, 10)).singleElement()
                        .satisfies(s -> assertThat(s.id()).isEqualTo(1))
                        .satisfies(s -> assertThat(s.createdAtMs()).isEqualTo(T0 + 1_500));
                assertThat(v.log().byKind("pm_execution", 0, 10)).singleElement()
                        .satisfies(s -> assertThat(s.id()).isEqualTo(2));

                // A second write from the copy read at version 0 is refused, and its strand with it.
                assertThatThrownBy(() -> v.ledger().record(v0.withRecords(EngineState.S3, features, trades),
                        List.of(new StrandEvent.Execution(scope, 1, ActionRecord.orphan(DecisionType.TRIM))), false))
                        .as(v.name()).isInstanceOf(StalePositionException.class)
                        .hasMessage("position hyperliquid/perps ETH 1h #1 changed since version 0 was read; re-read it"
                                + " and decide again");
                assertThat(v.log().byKind("pm_execution", 0, 10)).hasSize(1);
                assertThat(v.ledger().byTimeframe(Timeframe.H1)).singleElement()
                        .satisfies(p -> assertThat(p.state()).isEqualTo(EngineState.S1))
                        .satisfies(p -> assertThat(p.version()).isEqualTo(1));

                // A write that need not be durable is the same write.
                Position v2 = v.ledger().record(v1.withRecords(EngineState.S2, features, trades), List.of(), false);
                assertThat(v2.version()).isEqualTo(2);
                assertThat(v.ledger().byTimeframe(Timeframe.H1).get(0).state()).isEqualTo(EngineState.S2);
            }
        }
    }

    /**
     * A tick-ordered ledger numbers one tick's strands by position, whatever order the workers wrote them in (so a
     * backtest on two threads learns in the order of one), and a tick's before the next tick's.
     */
    @Test
    void aTickOrderedLedgerNumbersATicksStrandsInPositionOrder() {
        SimulatedClock clock = SimulatedClock.manual(T0);
        MemoryPositionLedger ledger = MemoryPositionLedger.tickOrdered(clock);
        List<Position> rows = new ArrayList<>();
        for (String token : List.of("ETH", "SOL", "PEPE")) {
            rows.add(ledger.insert(newPosition(token, "hyperliquid", Timeframe.H1, "perps")));
        }
        Scope scope = new Scope("perps", "hyperliquid", "1h", null, null, null);
        Function<Position, StrandEvent> entry = p -> new StrandEvent.Execution(scope, p.id(),
                ActionRecord.orphan(DecisionType.ENTRY));
        Function<Position, StrandEvent> trim = p -> new StrandEvent.Execution(scope, p.id(),
                ActionRecord.orphan(DecisionType.TRIM));
        clock.advanceMs(1_000);
        Position third = ledger.record(rows.get(2), List.of(entry.apply(rows.get(2))), true);
        Position first = ledger.record(rows.get(0), List.of(entry.apply(rows.get(0)), trim.apply(rows.get(0))), true);
        ledger.record(rows.get(1), List.of(entry.apply(rows.get(1))), true);
        clock.advanceMs(1_000);
        ledger.record(third, List.of(trim.apply(third)), true);
        ledger.record(first, List.of(entry.apply(first)), true);

        // Position 1's two strands keep their order; the second tick's come after the first's, again by position.
        assertThat(ledger.byKind("pm_execution", 0, 100))
                .extracting(Strand::id, st -> st.payload().path("position_id").asLong(), Strand::createdAtMs)
                .containsExactly(tuple(1L, 1L, T0 + 1_000), tuple(2L, 1L, T0 + 1_000), tuple(3L, 2L, T0 + 1_000),
                        tuple(4L, 3L, T0 + 1_000), tuple(5L, 1L, T0 + 2_000), tuple(6L, 3L, T0 + 2_000));
        assertThat(ledger.byKind("pm_execution", 0, 2)).extracting(st -> st.payload().path("decision_type").asText())
                .containsExactly(payloadType(entry.apply(first)), payloadType(trim.apply(first)));
    }

    private static String payloadType(StrandEvent e) {
        return StrandJson.of(e).payload().path("decision_type").asText();
    }

    @Test
    void insertingATakenKeyIsRefusedAsTheDatabaseRefusesIt() throws Exception {
        try (Ledgers l = new Ledgers("taken")) {
            for (View v : l.both()) {
                v.insert().apply(newPosition("ETH", "hyperliquid", Timeframe.H1, "spot"));
                assertThatThrownBy(() -> v.insert().apply(newPosition("ETH", "hyperliquid", Timeframe.H1, "perps")))
                        .as(v.name()).isInstanceOf(PositionExistsException.class)
                        .hasMessage("a position for ETH on hyperliquid 1h already exists");
                // Same token on another timeframe or chain: separate positions.
                v.insert().apply(newPosition("ETH", "hyperliquid", Timeframe.H4, "perps"));
                v.insert().apply(newPosition("ETH", "solana", Timeframe.H1, "social"));
                assertThat(v.ledger().byTimeframe(Timeframe.H1)).extracting(Position::tokenChain, Position::bookId)
                        .as(v.name()).containsExactly(tuple("hyperliquid", "spot"),
                                tuple("solana", "social"));
            }
        }
    }

    @Test
    void byKindPagesThroughOneKindInIdOrderWhateverTheLimit() throws Exception {
        try (Ledgers l = new Ledgers("pages")) {
            SplittableRandom r = new SplittableRandom(21);
            List<Long> closedIds = new ArrayList<>();
            for (long id = 1; id <= 30; id++) {
                String k = KINDS[r.nextInt(KINDS.length)];
                Scope scope = new Scope("perps", "hyperliquid", "1h", "T" + id, null, null);
                StrandEvent s = switch (k) {
                    case "position_closed" -> new StrandEvent.Closed(scope, id, trades(new SplittableRandom(1)).get(0));
                    case "pm_execution" -> new StrandEvent.Execution(scope, id, ActionRecord.orphan(DecisionType.ADD));
                    default -> new StrandEvent.EngineTransition(scope, id, T0, null, EngineState.S0, 1, null);
                };
                l.memory.append(s);
                l.stored.append(s);
                if (k.equals("position_closed")) {
                    closedIds.add(id);
                }
            }
            assertThat(closedIds).hasSizeGreaterThan(4);
            for (View v : l.both()) {
                // As learning reads them: a page at a time from its cursor.
                List<Long> paged = new ArrayList<>();
                long cursor = 0;
                for (List<Strand> page = v.log().byKind("position_closed", cursor, 3); !page.isEmpty();
                        page = v.log().byKind("position_closed", cursor, 3)) {
                    assertThat(page).as(v.name()).hasSizeLessThanOrEqualTo(3);
                    page.forEach(s -> paged.add(s.id()));
                    assertThat(paged).as(v.name() + " pages end").hasSizeLessThanOrEqualTo(closedIds.size());
                    cursor = page.get(page.size() - 1).id();
                }
                assertThat(paged).as(v.name()).isEqualTo(closedIds);
                long second = closedIds.get(1);
                assertThat(v.log().byKind("position_closed", closedIds.get(0), Integer.MAX_VALUE))
                        .extracting(Strand::id).as(v.name() + " no limit after a cursor")
                        .isEqualTo(closedIds.subList(1, closedIds.size()));
                assertThat(v.log().byKind("position_closed", second - 1, 2)).extracting(Strand::id)
                        .as(v.name() + " between two ids").isEqualTo(closedIds.subList(1, 3));
                assertThat(v.log().byKind("position_closed", 30, 5)).as(v.name()).isEmpty();
                assertThat(v.log().byKind("position_closed", 0, 0)).as(v.name()).isEmpty();
                assertThat(v.log().byKind("no_such_kind", 0, 5)).as(v.name()).isEmpty();
            }
        }
    }
}
