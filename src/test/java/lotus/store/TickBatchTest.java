package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lotus.engine.EngineState;
import lotus.learning.Scope;
import lotus.market.Bar;
import lotus.pm.Position;
import lotus.pm.PositionLedger;
import lotus.pm.PositionStatus;
import lotus.pm.PriceHistory;
import lotus.pm.StalePositionException;
import lotus.pm.StrandEvent;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a tick reads and writes at once (positions with their token's other timeframes, many tokens' bars, many rows
 * with their strands) equals what it did one position at a time, on SQLite and on PostgreSQL.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class TickBatchTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long H = Timeframe.H1.durationMs();

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    SimulatedClock clock;
    Positions positions;
    Strands strands;
    StoredPositionLedger ledger;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        clock = SimulatedClock.manual(T0);
        positions = new Positions(db, clock);
        strands = new Strands(db, clock);
        ledger = new StoredPositionLedger(db, positions, strands);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    @Test
    void aBatchWritesEveryRowButTheStaleOneWhoseStrandsAreLeftOut() {
        Position a = positions.insert(newPosition("ETH", "hyperliquid", "spot"));
        Position b = positions.insert(newPosition("BTC", "hyperliquid", "perps"));
        Position c = positions.insert(newPosition("So1aNa111", "solana", "social"));
        // Someone else writes b first: the tick's copy of b is now one version behind.
        positions.update(b.withHoldings(PositionStatus.ACTIVE, new BigDecimal("1.5"), new BigDecimal("300"),
                BigDecimal.ZERO, new BigDecimal("1.5"), BigDecimal.ZERO, new BigDecimal("200"), "b-1"));
        clock.advanceMs(60_000);

        List<PositionLedger.Write> writes = List.of(
                new PositionLedger.Write(changed(a, "0.000012345678901234"), List.of(transition(a, EngineState.S1)),
                        false),
                new PositionLedger.Write(changed(b, "7"), List.of(transition(b, EngineState.S2)), true),
                new PositionLedger.Write(changed(c, "123456789.10"), List.of(transition(c, EngineState.S3),
                        transition(c, EngineState.S0)), false));
        List<PositionLedger.Recorded> out = ledger.recordAll(writes);

        assertThat(out).hasSize(3);
        assertThat(out.get(1).written()).isNull();
        assertThat(out.get(1).failure()).isInstanceOf(StalePositionException.class)
                .hasMessageContaining("version 0");
        for (int i : new int[] {0, 2}) {
            Position written = out.get(i).written();
            assertThat(out.get(i).failure()).isNull();
            assertThat(written).isEqualTo(writes.get(i).position().stored(1, T0 + 60_000));
            assertThat(positions.find(written.id())).contains(written);
        }
        // The stale row keeps the other writer's values.
        Position bNow = positions.find(b.id()).orElseThrow();
        assertThat(bNow.version()).isEqualTo(1);
        assertThat(bNow.quantity()).isEqualTo(new BigDecimal("1.5"));
        assertThat(bNow.currentTradeId()).isEqualTo("b-1");
        // Strands of the written rows only, in the order given.
        List<Strand> appended = strands.byKind("engine_transition", 0, 10);
        assertThat(appended).extracting(s -> s.payload().get("position_id").asLong())
                .containsExactly(a.id(), c.id(), c.id());
        assertThat(appended).extracting(s -> s.payload().get("to").asText()).containsExactly("S1", "S3", "S0");
        assertThat(appended).extracting(Strand::createdAtMs).containsOnly(T0 + 60_000);

        // The next tick's read reuses the rows as written only while they are: the same as parsing them.
        Positions fresh = new Positions(db, clock);
        assertThat(ledger.withTokenSiblings(Timeframe.H1)).isEqualTo(fresh.withTokenSiblings(Timeframe.H1));
        Position elsewhere = fresh.update(changed(fresh.find(c.id()).orElseThrow(), "9"));
        assertThat(ledger.withTokenSiblings(Timeframe.H1)).contains(elsewhere)
                .isEqualTo(new Positions(db, clock).withTokenSiblings(Timeframe.H1));
    }

    @Test
    void aBatchedWriteStoresWhatTheSingleWriteStores() {
        Position a = positions.insert(newPosition("ETH", "hyperliquid", "spot"));
        Position b = positions.insert(newPosition("SOL", "hyperliquid", "spot"));
        Position single = positions.update(changed(a, "3.25"));
        Position batched = ledger.recordAll(List.of(new PositionLedger.Write(changed(b, "3.25"), List.of(), true)))
                .get(0).written();

        Position readA = positions.find(a.id()).orElseThrow();
        Position readB = positions.find(b.id()).orElseThrow();
        assertThat(readA).isEqualTo(single);
        assertThat(readB).isEqualTo(batched);
        assertThat(readB.quantity()).isEqualTo(readA.quantity());
        assertThat(readB.features()).isEqualTo(readA.features());
        assertThat(readB.version()).isEqualTo(readA.version());
    }

    @Test
    void aWritePreparedOnAWorkerStoresWhatTheSingleWriteStores() {
        Position a = positions.insert(newPosition("ETH", "hyperliquid", "spot"));
        Position b = positions.insert(newPosition("SOL", "hyperliquid", "spot"));
        Position single = positions.update(changed(a, "3.25"));
        PositionLedger.Write prepared = ledger.prepare(new PositionLedger.Write(changed(b, "3.25"),
                List.of(transition(b, EngineState.S2)), false));
        assertThat(prepared.prepared()).isNotNull();
        assertThat(prepared.position()).isEqualTo(changed(b, "3.25"));
        Position batched = ledger.recordAll(List.of(prepared)).get(0).written();

        Positions fresh = new Positions(db, clock);
        Position readA = fresh.find(a.id()).orElseThrow();
        Position readB = fresh.find(b.id()).orElseThrow();
        assertThat(readB).isEqualTo(batched);
        assertThat(readB.quantity()).isEqualTo(readA.quantity());
        assertThat(readB.features()).isEqualTo(readA.features()).isEqualTo(single.features());
        assertThat(strands.byKind("engine_transition", 0, 10)).singleElement()
                .satisfies(st -> assertThat(st.payload().get("position_id").asLong()).isEqualTo(b.id()));
    }

    @Test
    void aTicksPositionsComeWithEveryPositionOfTheirTokensInTheSameBook() {
        Position eth1h = positions.insert(newPosition("ETH", "hyperliquid", "spot"));
        Position eth4h = positions.insert(new NewPosition("ETH", "hyperliquid", "ETH", Timeframe.H4, "spot",
                new BigDecimal("2.5"), BigDecimal.ZERO));
        positions.insert(new NewPosition("BTC", "hyperliquid", "BTC", Timeframe.H4, "perps", new BigDecimal("2.5"),
                BigDecimal.ZERO));
        Position sol1h = positions.insert(newPosition("So1aNa111", "solana", "social"));
        Position sol1d = positions.insert(new NewPosition("So1aNa111", "solana", "S", Timeframe.D1, "social",
                new BigDecimal("2.5"), BigDecimal.ZERO));

        assertThat(ledger.withTokenSiblings(Timeframe.H1)).extracting(Position::id)
                .containsExactly(eth1h.id(), eth4h.id(), sol1h.id(), sol1d.id());
        // The same as the ledger's reference reading every timeframe.
        PositionLedger reference = new MemoryOf(ledger);
        for (Timeframe tf : Timeframe.values()) {
            assertThat(ledger.withTokenSiblings(tf)).as(tf.label()).isEqualTo(reference.withTokenSiblings(tf));
        }
    }

    @Test
    void manyTokensBarsReadAtOnceEqualTheReadsTokenByToken() {
        SplittableRandom random = new SplittableRandom(11);
        PriceBars writer = new PriceBars(db);
        PriceDataReader reader = new PriceDataReader(db);
        List<String> hl = List.of("BTC", "ETH", "xyz:TSLA", "PURR/USDC", "EMPTY");
        List<String> sol = List.of("So1aNa111", "So1aNa222");
        for (String token : hl.subList(0, 4)) {
            writer.upsert(PriceTable.HYPERLIQUID, "hyperliquid", walk(random, token, "hyperliquid"));
        }
        for (String token : sol) {
            writer.upsert(PriceTable.LOWCAP, "dexscreener", walk(random, token, "solana"));
        }
        // Another timeframe and the majors' table hold the same names: never read into a 1h window.
        writer.upsert(PriceTable.HYPERLIQUID, "hyperliquid", List.of(bar("BTC", "hyperliquid", Timeframe.M15, T0)));
        writer.upsert(PriceTable.MAJORS, "hyperliquid", List.of(bar("ETH", "hyperliquid", Timeframe.H1, T0)));
        long before = T0 + 50 * H;

        List<PriceHistory.BarWindow> windows = List.of(
                new PriceHistory.BarWindow("BTC", Long.MIN_VALUE, 9999),
                new PriceHistory.BarWindow("ETH", Long.MIN_VALUE, 7),
                new PriceHistory.BarWindow("xyz:TSLA", T0 + 45 * H + 1, Integer.MAX_VALUE),
                new PriceHistory.BarWindow("PURR/USDC", T0 + 30 * H, 3),
                new PriceHistory.BarWindow("EMPTY", Long.MIN_VALUE, 9999));
        assertEqualsTokenByToken(reader, "hyperliquid", windows, before);
        assertEqualsTokenByToken(reader, "solana", List.of(
                new PriceHistory.BarWindow("So1aNa111", Long.MIN_VALUE, 9999),
                new PriceHistory.BarWindow("So1aNa222", T0 + 49 * H + 1, Integer.MAX_VALUE)), before);

        Map<String, List<Bar>> read = reader.barWindows("hyperliquid", Timeframe.H1, windows, before);
        assertThat(read.get("EMPTY")).isEmpty();
        assertThat(read.get("ETH")).hasSize(7);
        assertThat(read.get("ETH").getLast().openTimeMs()).isLessThan(before);
        // Bar 49 is a gap: the window ends at the last bar stored before the bound.
        assertThat(read.get("xyz:TSLA")).extracting(Bar::openTimeMs).containsExactly(T0 + 46 * H, T0 + 47 * H,
                T0 + 48 * H);
    }

    @Test
    void aBatchedBarReadLargerThanOneQueryEqualsTheReadsTokenByToken() {
        SplittableRandom random = new SplittableRandom(12);
        List<Bar> bars = new ArrayList<>();
        List<PriceHistory.BarWindow> windows = new ArrayList<>();
        for (int i = 0; i < 1203; i++) {
            String token = "So1Mint" + i;
            bars.addAll(walk(random, token, "solana").subList(0, 3));
            windows.add(new PriceHistory.BarWindow(token, i % 2 == 0 ? Long.MIN_VALUE : T0 + H, 9999));
        }
        new PriceBars(db).upsert(PriceTable.LOWCAP, "dexscreener", bars);
        assertEqualsTokenByToken(new PriceDataReader(db), "solana", windows, T0 + 3 * H);
    }

    private static void assertEqualsTokenByToken(PriceDataReader reader, String chain,
            List<PriceHistory.BarWindow> windows, long before) {
        Map<String, List<Bar>> batched = reader.barWindows(chain, Timeframe.H1, windows, before);
        // The interface's default: one read per token, through the single-token queries.
        Map<String, List<Bar>> one = new PriceHistory() {
            @Override
            public List<Bar> barsBefore(String t, String c, Timeframe tf, int limit, long beforeMs) {
                return reader.barsBefore(t, c, tf, limit, beforeMs);
            }

            @Override
            public List<Bar> bars(String t, String c, Timeframe tf, long fromMs, long toMs) {
                return reader.bars(t, c, tf, fromMs, toMs);
            }

            @Override
            public List<Bar> majorBarsBefore(String coin, Timeframe tf, int limit, long beforeMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Bar> majorBars(String coin, Timeframe tf, long fromMs, long toMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Bar> regimeBarsBefore(String driver, Timeframe tf, int limit, long beforeMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Bar> regimeBars(String driver, Timeframe tf, long fromMs, long toMs) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, lotus.market.MarketCapBucket> bucketMembers(String c, long dayMs, long beforeMs) {
                throw new UnsupportedOperationException();
            }
        }.barWindows(chain, Timeframe.H1, windows, before);
        assertThat(batched.keySet()).isEqualTo(one.keySet());
        for (PriceHistory.BarWindow w : windows) {
            assertThat(batched.get(w.tokenContract())).as(w.toString()).isEqualTo(one.get(w.tokenContract()));
        }
    }

    /** 50 hourly bars from T0 with every 10th missing (a gap), prices with many decimals. */
    private static List<Bar> walk(SplittableRandom random, String token, String chain) {
        List<Bar> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            if (i % 10 == 9) {
                continue;
            }
            String c = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 6 + random.nextInt(8)).toPlainString();
            out.add(new Bar(token, chain, Timeframe.H1, T0 + i * H, new BigDecimal(c), new BigDecimal(c),
                    new BigDecimal(c), new BigDecimal(c), new BigDecimal("0.10"), 0));
        }
        return out;
    }

    private static Bar bar(String token, String chain, Timeframe tf, long open) {
        return new Bar(token, chain, tf, open, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, 0);
    }

    private static Position changed(Position p, String quantity) {
        return p.withHoldings(PositionStatus.ACTIVE, new BigDecimal(quantity), new BigDecimal("250.5"),
                new BigDecimal("0.000000000000000001"), new BigDecimal(quantity), BigDecimal.ZERO,
                new BigDecimal("24.99"), p.tokenContract() + "-1").withRecords(EngineState.S1,
                        p.features(), p.completedTrades());
    }

    private static StrandEvent transition(Position p, EngineState to) {
        return new StrandEvent.EngineTransition(new Scope(p.bookId(), p.tokenChain(), "1h", p.tokenContract(), null,
                null), p.id(), T0, EngineState.S0, to, 1.25, null);
    }

    private static NewPosition newPosition(String token, String chain, String book) {
        return new NewPosition(token, chain, token, Timeframe.H1, book, new BigDecimal("2.5"), BigDecimal.ZERO);
    }

    /** The interface's reference reading of a ledger: every timeframe, then the tokens' positions picked out. */
    private record MemoryOf(StoredPositionLedger stored) implements PositionLedger {

        @Override
        public List<Position> byTimeframe(Timeframe timeframe) {
            return stored.byTimeframe(timeframe);
        }

        @Override
        public Position record(Position p, List<StrandEvent> s, boolean durable, lotus.pm.JournalWrite journal) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int orderAttempts(long positionId, long barCloseMs, String action) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<Position> find(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void append(StrandEvent strand) {
            throw new UnsupportedOperationException();
        }
    }
}
