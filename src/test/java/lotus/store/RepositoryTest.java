package lotus.store;

import lotus.engine.EngineState;
import lotus.pm.Position;
import lotus.pm.PositionStatus;
import lotus.pm.JournalEntry;
import lotus.pm.OrderStatus;
import lotus.pm.StalePositionException;
import lotus.store.Strand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lotus.market.Bar;
import lotus.market.Side;
import lotus.market.Trade;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every repository against a real database, once on SQLite and once on PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class RepositoryTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    SimulatedClock clock;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        clock = SimulatedClock.manual(T0);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    private static Bar bar(String token, String chain, Timeframe tf, long open, String o, String h, String l, String c,
            String v) {
        return new Bar(token, chain, tf, open, new BigDecimal(o), new BigDecimal(h), new BigDecimal(l), new BigDecimal(c),
                new BigDecimal(v), 0);
    }

    @Test
    void upsertingTheSameBarTwiceKeepsOneRowWithTheSecondValues() {
        PriceBars writer = new PriceBars(db);
        PriceDataReader reader = new PriceDataReader(db);
        writer.upsert(PriceTable.HYPERLIQUID, "hyperliquid",
                List.of(bar("ETH", "hyperliquid", Timeframe.M1, T0, "3000", "3010", "2990", "3005", "12.5")));
        writer.upsert(PriceTable.HYPERLIQUID, "hyperliquid",
                List.of(bar("ETH", "hyperliquid", Timeframe.M1, T0, "3000", "3020", "2980", "3015.5", "20.25")));

        List<Bar> bars = reader.bars("ETH", "hyperliquid", Timeframe.M1, 10);
        assertThat(bars).hasSize(1);
        Bar stored = bars.get(0);
        assertThat(stored.openTimeMs()).isEqualTo(T0);
        assertThat(stored.high()).isEqualTo(new BigDecimal("3020"));
        assertThat(stored.low()).isEqualTo(new BigDecimal("2980"));
        assertThat(stored.close()).isEqualTo(new BigDecimal("3015.5"));
        assertThat(stored.volume()).isEqualTo(new BigDecimal("20.25"));
        assertThat(rowCount("hyperliquid_price_data_ohlc")).isEqualTo(1);
    }

    @Test
    void decimalsRoundTripExactly() {
        String[] values = {"0.000012345678901234", "123456789012345678901234.123456789", "1E-30", "0.10"};
        PriceBars writer = new PriceBars(db);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            bars.add(bar("PEPE", "solana", Timeframe.M5, T0 + i * 300_000L, values[i], values[i], values[i], values[i],
                    values[i]));
        }
        writer.upsert(PriceTable.LOWCAP, "dexscreener", bars);

        List<Bar> back = new PriceDataReader(db).bars("PEPE", "solana", Timeframe.M5, 10);
        assertThat(back).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            // equals, not compareTo: the scale must survive too ("0.10" stays "0.10").
            assertThat(back.get(i).close()).as(values[i]).isEqualTo(new BigDecimal(values[i]));
            assertThat(back.get(i).volume()).as(values[i]).isEqualTo(new BigDecimal(values[i]));
        }
    }

    @Test
    void readerRoutesByChainAndKeepsTheMajorsApart() {
        PriceBars writer = new PriceBars(db);
        writer.upsert(PriceTable.HYPERLIQUID, "hyperliquid",
                List.of(bar("BTC", "hyperliquid", Timeframe.H1, T0, "1", "1", "1", "1", "1")));
        writer.upsert(PriceTable.MAJORS, "hyperliquid",
                List.of(bar("BTC", "hyperliquid", Timeframe.H1, T0, "2", "2", "2", "2", "2")));
        writer.upsert(PriceTable.LOWCAP, "dexscreener",
                List.of(bar("BTC", "solana", Timeframe.H1, T0, "3", "3", "3", "3", "3"),
                        bar("BTC", "base", Timeframe.H1, T0, "4", "4", "4", "4", "4")));

        PriceDataReader reader = new PriceDataReader(db);
        assertThat(reader.bars("BTC", "hyperliquid", Timeframe.H1, 5)).extracting(Bar::close)
                .containsExactly(new BigDecimal("1"));
        assertThat(reader.majorBars("BTC", Timeframe.H1, 5)).extracting(Bar::close).containsExactly(new BigDecimal("2"));
        assertThat(reader.bars("BTC", "solana", Timeframe.H1, 5)).extracting(Bar::close)
                .containsExactly(new BigDecimal("3"));
        assertThat(reader.bars("BTC", "base", Timeframe.H1, 5)).extracting(Bar::close)
                .containsExactly(new BigDecimal("4"));
        assertThat(reader.bars("BTC", "hyperliquid", Timeframe.M1, 5)).isEmpty();
        assertThat(PriceTable.forChain("hyperliquid")).isEqualTo(PriceTable.HYPERLIQUID);
        assertThat(PriceTable.forChain("solana")).isEqualTo(PriceTable.LOWCAP);
    }

    @Test
    void readerReturnsTheLatestBarsOldestFirstAndHalfOpenRanges() {
        SplittableRandom random = new SplittableRandom(11);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String px = BigDecimal.valueOf(random.nextLong(1000, 2000), 2).toPlainString();
            bars.add(bar("SOL", "hyperliquid", Timeframe.M15, T0 + i * 900_000L, px, px, px, px, "1"));
        }
        List<Bar> shuffled = new ArrayList<>(bars);
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        new PriceBars(db).upsert(PriceTable.HYPERLIQUID, "hyperliquid", shuffled);

        PriceDataReader reader = new PriceDataReader(db);
        List<Bar> last10 = reader.bars("SOL", "hyperliquid", Timeframe.M15, 10);
        assertThat(last10).extracting(Bar::openTimeMs)
                .containsExactlyElementsOf(bars.subList(40, 50).stream().map(Bar::openTimeMs).toList());
        assertThat(last10).extracting(Bar::close)
                .containsExactlyElementsOf(bars.subList(40, 50).stream().map(Bar::close).toList());

        List<Bar> range = reader.bars("SOL", "hyperliquid", Timeframe.M15, T0 + 5 * 900_000L, T0 + 8 * 900_000L);
        assertThat(range).extracting(Bar::openTimeMs).containsExactly(T0 + 5 * 900_000L, T0 + 6 * 900_000L,
                T0 + 7 * 900_000L);
        assertThat(reader.count("SOL", "hyperliquid", Timeframe.M15)).isEqualTo(50);
        assertThat(reader.bars("SOL", "hyperliquid", Timeframe.M15, Long.MIN_VALUE, Long.MAX_VALUE)).hasSize(50);

        // A tick must not see the bar still being built: the latest 3 opening before bar 45.
        assertThat(reader.barsBefore("SOL", "hyperliquid", Timeframe.M15, 3, T0 + 45 * 900_000L))
                .extracting(Bar::openTimeMs).containsExactly(T0 + 42 * 900_000L, T0 + 43 * 900_000L,
                        T0 + 44 * 900_000L);
    }

    @Test
    void ticksAreStoredOncePerCoinAndTid() {
        Ticks ticks = new Ticks(db);
        Trade a = new Trade("ETH", 118906512037719L, T0 + 123, new BigDecimal("3007.1"), new BigDecimal("0.5"), Side.BUY);
        Trade b = new Trade("ETH", 118906512037720L, T0 + 124, new BigDecimal("3007.0"), new BigDecimal("1.25"),
                Side.SELL);
        Trade sameTidOtherCoin = new Trade("BTC", 118906512037719L, T0 + 125, new BigDecimal("97431.5"),
                new BigDecimal("0.001"), Side.BUY);
        ticks.insert(List.of(a, b));
        ticks.insert(List.of(a, sameTidOtherCoin));

        assertThat(ticks.between("ETH", T0, T0 + 1000)).containsExactly(a, b);
        assertThat(ticks.between("BTC", T0, T0 + 1000)).containsExactly(sameTidOtherCoin);
        assertThat(ticks.between("ETH", T0 + 124, T0 + 1000)).containsExactly(b);
        assertThat(rowCount("majors_trades_ticks")).isEqualTo(3);
    }

    private NewPosition newPosition(String token, String chain, Timeframe tf, String book) {
        return new NewPosition(token, chain, token, tf, book, new BigDecimal("2.5"), new BigDecimal("250"));
    }

    @Test
    void positionKeyIsUniquePerTokenChainAndTimeframe() {
        Positions positions = new Positions(db, clock);
        Position eth = positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H1, "spot"));
        assertThat(eth.status()).isEqualTo(PositionStatus.WATCHLIST);
        assertThat(eth.version()).isZero();
        assertThat(eth.createdAtMs()).isEqualTo(T0);
        assertThat(eth.features()).isEqualTo(lotus.pm.PositionFeatures.EMPTY);
        assertThat(eth.completedTrades()).isEmpty();
        assertThat(eth.quantity()).isEqualByComparingTo("0");

        assertThatThrownBy(() -> positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H1, "perps")))
                .isInstanceOf(PositionExistsException.class)
                .hasMessageContaining("ETH on hyperliquid 1h already exists");

        // Same token, other timeframe or other chain: separate positions.
        positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H4, "perps"));
        positions.insert(newPosition("ETH", "solana", Timeframe.H1, "social"));
        assertThat(rowCount("lowcap_positions")).isEqualTo(3);
    }

    @Test
    void theRiskGatesReadOfAVenueHasEveryColumnAndTheFeaturesItWeighs() {
        Positions positions = new Positions(db, clock);
        // Another process writes the rows: this one has none of them in its memory of its own writes.
        Positions elsewhere = new Positions(db, clock);
        Position a = positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H1, "perps"));
        positions.insert(newPosition("BTC", "hyperliquid", Timeframe.H1, "perps"));
        positions.insert(newPosition("SOL", "hyperliquid", Timeframe.H1, "spot"));
        com.fasterxml.jackson.databind.node.ObjectNode f = JSON.createObjectNode();
        f.putObject("pnl").put("current_usd_value", "310.5").put("total_pnl_usd", "-2.25");
        f.putObject("pending_order").put("rule", "s2_dip_buy").put("decision_type", "entry").putObject("action")
                .put("decision_type", "entry").put("notional_usd", "60");
        f.putObject("ae").put("a", 0.25).put("e", 0.75);
        f.put("note", "kept");
        JsonNode trades = JSON.createArrayNode().add(JSON.createObjectNode().put("trade_id", "t1")
                .put("closed_at_ms", T0).put("pnl_usd", "4.5"));
        elsewhere.update(a.withHoldings(PositionStatus.ACTIVE, new BigDecimal("0.1"), new BigDecimal("300"),
                BigDecimal.ZERO, new BigDecimal("0.1"), BigDecimal.ZERO, new BigDecimal("3000"), a.id() + "-1")
                .withRecords(null, PositionJson.features(f), PositionJson.completedTrades(trades)));

        List<Position> full = positions.byVenue("hyperliquid", "perps");
        List<Position> risk = positions.byVenueForRisk("hyperliquid", "perps", Map.of());
        assertWeighedAlike(risk, full);
        assertThat(risk.get(0).features().pnl().currentUsdValue()).isEqualByComparingTo("310.5");
        assertThat(risk.get(0).features().pendingOrder().action().notionalUsd()).isEqualByComparingTo("60");
        if (kind == TestDatabases.Kind.POSTGRESQL) {
            // What the gate does not weigh stays in the database.
            assertThat(risk.get(0).features().ae()).isNull();
            assertThat(risk.get(0).features().other()).isEmpty();
        }

        // Read again knowing the first read: unchanged rows are the known ones, a row written since is read anew.
        Map<Long, Position> known = new java.util.HashMap<>();
        risk.forEach(p -> known.put(p.id(), p));
        f.putObject("pnl").put("current_usd_value", "99").put("total_pnl_usd", "1");
        Position rewritten = elsewhere.update(full.get(0).withFeatures(PositionJson.features(f)));
        List<Position> again = positions.byVenueForRisk("hyperliquid", "perps", known);
        assertWeighedAlike(again, positions.byVenue("hyperliquid", "perps"));
        assertThat(again.get(0).version()).isEqualTo(rewritten.version());
        assertThat(again.get(0).features().pnl().currentUsdValue()).isEqualByComparingTo("99");
        assertThat(again.get(1)).isSameAs(known.get(again.get(1).id()));
        // A known row at the same version but another update time (not the same write) is read anew too.
        Position odd = new Position(again.get(1).id(), again.get(1).tokenContract(), again.get(1).tokenChain(),
                again.get(1).tokenTicker(), again.get(1).timeframe(), again.get(1).bookId(), again.get(1).status(),
                again.get(1).state(), lotus.pm.PositionFeatures.EMPTY, again.get(1).quantity(), again.get(1).dust(),
                again.get(1).totalAllocationPct(), again.get(1).totalAllocationUsd(), again.get(1).totalExtractedUsd(),
                again.get(1).totalTokensBought(), again.get(1).totalTokensSold(), again.get(1).totalFeesUsd(),
                again.get(1).avgEntryPrice(), again.get(1).currentTradeId(), again.get(1).completedTrades(),
                again.get(1).version(), again.get(1).createdAtMs(), again.get(1).updatedAtMs() + 1);
        List<Position> third = positions.byVenueForRisk("hyperliquid", "perps", Map.of(odd.id(), odd));
        assertThat(third.get(1)).isNotSameAs(odd);
        assertWeighedAlike(third, positions.byVenue("hyperliquid", "perps"));
    }

    @Test
    void rowsThisProcessWroteAreTakenFromItsMemoryWhileTheDatabaseStillHoldsThem() {
        Positions positions = new Positions(db, clock);
        Positions elsewhere = new Positions(db, clock);
        Position a = positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H1, "perps"));
        Position b = positions.insert(newPosition("SOL", "solana", Timeframe.H4, "social"));
        com.fasterxml.jackson.databind.node.ObjectNode f = JSON.createObjectNode();
        f.putObject("pnl").put("current_usd_value", "310.5").put("total_pnl_usd", "-2.25");
        f.putObject("ae").put("a", 0.25).put("e", 0.75);
        Position mine = positions.update(a.withHoldings(PositionStatus.ACTIVE, new BigDecimal("0.1"),
                new BigDecimal("300"), BigDecimal.ZERO, new BigDecimal("0.1"), BigDecimal.ZERO, new BigDecimal("3000"),
                a.id() + "-1").withFeatures(PositionJson.features(f)));

        // Every read hands back the row as this process wrote it, whole (its engine state included), not parsed.
        assertThat(positions.byVenueForRisk("hyperliquid", "perps", Map.of()).get(0)).isSameAs(mine);
        assertThat(positions.withTokenSiblings(Timeframe.H1, Map.of()).get(0)).isSameAs(mine);
        assertThat(positions.allForRisk()).element(0).isSameAs(mine);
        assertThat(mine).isEqualTo(elsewhere.find(a.id()).orElseThrow());

        // Once another writer changed the row, it is read anew, and equals a read that never saw it.
        clock.advanceMs(1_000);
        f.putObject("pnl").put("current_usd_value", "99").put("total_pnl_usd", "1");
        Position theirs = elsewhere.update(mine.withFeatures(PositionJson.features(f)));
        Position read = positions.byVenueForRisk("hyperliquid", "perps", Map.of()).get(0);
        assertThat(read).isNotSameAs(mine);
        assertThat(read.version()).isEqualTo(theirs.version());
        assertThat(read.features().pnl().currentUsdValue()).isEqualByComparingTo("99");
        assertThat(positions.withTokenSiblings(Timeframe.H1, Map.of())).containsExactly(theirs);

        // Every row of every book, as the gate weighs them: what a book's equity after a tick is computed from.
        List<Position> all = positions.allForRisk();
        assertThat(all).extracting(Position::id).containsExactly(a.id(), b.id());
        assertWeighedAlike(all, List.of(elsewhere.find(a.id()).orElseThrow(), elsewhere.find(b.id()).orElseThrow()));
    }

    @Test
    void anUpdateLeavesTheStoredTradesAloneWhenTheyAreTheRowsOwnAndWritesThemOnceTheyChange() {
        Positions positions = new Positions(db, clock);
        Position p = positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H1, "perps"));
        JsonNode one = JSON.createArrayNode().add(JSON.createObjectNode().put("trade_id", "t1")
                .put("closed_at_ms", T0).put("pnl_usd", "4.5"));
        Position traded = positions.update(p.withRecords(null, p.features(), PositionJson.completedTrades(one)));
        if (kind == TestDatabases.Kind.SQLITE) {
            // The same trades as another tool would format them: a rewrite would replace this text with ours.
            rawTrades(traded.id(), "[ {\"trade_id\": \"t1\", \"closed_at_ms\": " + T0 + ", \"pnl_usd\": \"4.5\"} ]");
        }

        // A tick that closes no trade: the row's own trades, so the column is left as stored.
        Position held = traded.withHoldings(PositionStatus.ACTIVE, new BigDecimal("0.5"), new BigDecimal("100"),
                BigDecimal.ZERO, new BigDecimal("0.5"), BigDecimal.ZERO, new BigDecimal("200"), "t2");
        db.inTransaction(c -> positions.updateAll(c, List.of(held)));
        Position read = new Positions(db, clock).find(p.id()).orElseThrow();
        assertThat(read.completedTrades()).isEqualTo(traded.completedTrades()).hasSize(1);
        assertThat(read.quantity()).isEqualByComparingTo("0.5");
        if (kind == TestDatabases.Kind.SQLITE) {
            assertThat(rawTrades(p.id(), null)).startsWith("[ {");
        }

        // A closure adds a trade: the column is written.
        JsonNode two = one.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) two).add(JSON.createObjectNode().put("trade_id", "t2")
                .put("closed_at_ms", T0 + 60_000).put("pnl_usd", "-1.25"));
        positions.update(read.withRecords(null, read.features(), PositionJson.completedTrades(two)));
        Position after = new Positions(db, clock).find(p.id()).orElseThrow();
        assertThat(after.completedTrades()).extracting(t -> t.tradeId()).containsExactly("t1", "t2");
        if (kind == TestDatabases.Kind.SQLITE) {
            assertThat(rawTrades(p.id(), null)).startsWith("[{");
        }
    }

    /** The stored text of a row's completed_trades, first set to {@code text} when given (SQLite only). */
    private String rawTrades(long id, String text) {
        return db.withConnection(c -> {
            if (text != null) {
                try (var ps = c.prepareStatement("UPDATE lowcap_positions SET completed_trades = ? WHERE id = ?")) {
                    ps.setString(1, text);
                    ps.setLong(2, id);
                    ps.executeUpdate();
                }
            }
            try (var ps = c.prepareStatement("SELECT completed_trades FROM lowcap_positions WHERE id = ?")) {
                ps.setLong(1, id);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private static void assertWeighedAlike(List<Position> risk, List<Position> full) {
        assertThat(risk).usingRecursiveFieldByFieldElementComparatorIgnoringFields("features").isEqualTo(full);
        for (int i = 0; i < full.size(); i++) {
            assertThat(risk.get(i).features().pnl()).isEqualTo(full.get(i).features().pnl());
            assertThat(risk.get(i).features().pendingOrder()).isEqualTo(full.get(i).features().pendingOrder());
        }
    }

    @Test
    void positionsAreFoundByTimeframeAndByVenue() {
        Positions positions = new Positions(db, clock);
        Position a = positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H1, "spot"));
        Position b = positions.insert(newPosition("BTC", "hyperliquid", Timeframe.H1, "perps"));
        Position c = positions.insert(newPosition("So1aNa111", "solana", Timeframe.H1, "social"));
        Position d = positions.insert(newPosition("SOL", "hyperliquid", Timeframe.M15, "spot"));

        assertThat(positions.byTimeframe(Timeframe.H1)).extracting(Position::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(positions.byVenue("hyperliquid", "spot")).extracting(Position::id).containsExactly(a.id(), d.id());
        assertThat(positions.byVenue("solana", "social")).extracting(Position::id).containsExactly(c.id());
        assertThat(positions.tokensOnChain("hyperliquid")).containsExactly("BTC", "ETH", "SOL");
        assertThat(positions.find("BTC", "hyperliquid", Timeframe.H1)).map(Position::bookId).contains("perps");
        assertThat(positions.find("BTC", "hyperliquid", Timeframe.D1)).isEmpty();

        // A token's positions in one book, whatever their timeframe: those that share its allocation.
        Position e = positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H4, "spot"));
        positions.insert(newPosition("ETH", "hyperliquid", Timeframe.M15, "perps"));
        assertThat(positions.ofToken("hyperliquid", "spot", "ETH")).extracting(Position::id)
                .containsExactly(a.id(), e.id());
        StoredPositionLedger ledger = new StoredPositionLedger(db, positions, new Strands(db, clock));
        assertThat(ledger.ofToken("hyperliquid", "spot", "ETH")).extracting(Position::id)
                .containsExactly(a.id(), e.id());
        assertThat(positions.ofToken("solana", "spot", "ETH")).isEmpty();
    }

    @Test
    void positionUpdateIsOptimisticAndWritesEveryField() throws Exception {
        Positions positions = new Positions(db, clock);
        Position p = positions.insert(newPosition("HYPE", "hyperliquid", Timeframe.H1, "spot"));
        clock.advanceMs(60_000);

        // A pnl, and an engine output this version cannot read: kept as it was stored, never dropped.
        JsonNode featuresJson = JSON.readTree("{\"uptrend_engine_v4\":{\"state\":\"S1\",\"ema60\":\"25.1\"},"
                + "\"pnl\":{\"current_usd_value\":\"2\",\"total_pnl_usd\":\"1.000000000000000001\",\"total_pnl_pct\":\"1\","
                + "\"unrealised_pnl_usd\":\"0\",\"unrealised_pnl_pct\":\"0\",\"rpnl_usd\":\"1\",\"rpnl_pct\":\"1\","
                + "\"fees_usd\":\"0.1125\",\"net_pnl_usd\":\"0.887500000000000001\",\"net_pnl_pct\":\"0.8875\"}}");
        lotus.pm.PositionFeatures features = PositionJson.features(featuresJson);
        List<lotus.pm.TradeClosure.ClosedTrade> trades = PositionJson.completedTrades(
                JSON.readTree("[{\"trade_id\":\"t1\",\"rr\":1.5,\"pnl_usd\":\"-0.10\"}]"));
        Position changed = new Position(p.id(), p.tokenContract(), p.tokenChain(), "HYPE", p.timeframe(), p.bookId(),
                PositionStatus.ACTIVE, EngineState.S1, features, new BigDecimal("10.000012345678901234"),
                new BigDecimal("0.000000000000000086"), new BigDecimal("2.5"), new BigDecimal("250"),
                new BigDecimal("12.5"),
                new BigDecimal("10.000012345678901234"), new BigDecimal("0"), new BigDecimal("0.112500000000000001"),
                new BigDecimal("24.99"), "t1", trades, p.version(), p.createdAtMs(), p.updatedAtMs());
        Position stored = positions.update(changed);

        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.updatedAtMs()).isEqualTo(T0 + 60_000);
        assertThat(stored.createdAtMs()).isEqualTo(T0);
        assertThat(stored.status()).isEqualTo(PositionStatus.ACTIVE);
        assertThat(stored.state()).isEqualTo(EngineState.S1);
        assertThat(stored.features()).isEqualTo(features);
        assertThat(stored.features().pnl().totalPnlUsd()).isEqualTo(new BigDecimal("1.000000000000000001"));
        assertThat(PositionJson.features(stored.features())).isEqualTo(featuresJson);
        assertThat(stored.completedTrades()).isEqualTo(trades);
        assertThat(stored.completedTrades().get(0).pnlUsd()).isEqualTo(new BigDecimal("-0.10"));
        assertThat(stored.quantity()).isEqualTo(new BigDecimal("10.000012345678901234"));
        assertThat(stored.avgEntryPrice()).isEqualTo(new BigDecimal("24.99"));
        assertThat(stored.totalExtractedUsd()).isEqualTo(new BigDecimal("12.5"));
        assertThat(stored.totalFeesUsd()).as("total_fees_usd (V11), exact")
                .isEqualTo(new BigDecimal("0.112500000000000001"));
        assertThat(stored.dust()).as("dust (V12), exact").isEqualTo(new BigDecimal("0.000000000000000086"));
        assertThat(stored.currentTradeId()).isEqualTo("t1");
        assertThat(positions.find(p.id())).contains(stored);

        // A writer holding the old copy loses, and the row keeps the first writer's values.
        assertThatThrownBy(() -> positions.update(changed)).isInstanceOf(StalePositionException.class)
                .hasMessageContaining("version 0");
        assertThat(positions.find(p.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aRowThatCannotBeReadIsLeftOutOfListsAndTheOthersStillLoad() throws Exception {
        Positions positions = new Positions(db, clock);
        Position good = positions.insert(newPosition("ETH", "hyperliquid", Timeframe.H1, "spot"));
        Position bad = positions.insert(newPosition("BTC", "hyperliquid", Timeframe.H1, "perps"));
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE lowcap_positions SET completed_trades = '[{\"pnl_usd\":\"abc\"}]'"
                    + " WHERE id = ?")) {
                ps.setLong(1, bad.id());
                return ps.executeUpdate();
            }
        });
        assertThat(positions.byTimeframe(Timeframe.H1)).extracting(Position::id).containsExactly(good.id());
        assertThat(positions.find(bad.id())).isEmpty();
        assertThat(positions.find(good.id())).contains(good);
    }

    @Test
    void strandsAppendAndReadBackInOrder() throws Exception {
        Strands strands = new Strands(db, clock);
        JsonNode scope = JSON.readTree("{\"book_id\":\"perps\",\"token_chain\":\"hyperliquid\",\"timeframe\":\"1h\"}");
        long first = strands.append("position_closed", scope, JSON.readTree("{\"rr\":1.25}"));
        clock.advanceMs(1000);
        long second = strands.append("position_closed", scope, JSON.readTree("{\"rr\":-0.5}"));
        strands.append("other_kind", scope, JSON.readTree("{}"));

        List<Strand> read = strands.byKind("position_closed", 0, 10);
        assertThat(read).extracting(Strand::id).containsExactly(first, second);
        assertThat(read.get(0).scope()).isEqualTo(scope);
        assertThat(read.get(1).payload().get("rr").asDouble()).isEqualTo(-0.5);
        assertThat(read.get(1).createdAtMs()).isEqualTo(T0 + 1000);
        assertThat(strands.byKind("position_closed", first, 10)).extracting(Strand::id).containsExactly(second);
    }

    @Test
    void orderJournalRecordsIntentBeforeSendingAndFindsWhatToReconcile() throws Exception {
        Orders orders = new Orders(db, clock);
        JsonNode request = JSON.readTree("{\"action\":{\"type\":\"order\"},\"nonce\":1767225600000}");
        orders.recordIntent("0x00000000000000000000000000000001", "hyperliquid", 7L, "entry", request);
        orders.recordIntent("0x00000000000000000000000000000002", "hyperliquid", null, "trim", request);
        orders.recordIntent("0x00000000000000000000000000000003", "hyperliquid", 7L, "add", request);

        assertThatThrownBy(() -> orders.recordIntent("0x00000000000000000000000000000001", "hyperliquid", 7L, "entry",
                request)).isInstanceOf(StoreException.class);

        clock.advanceMs(500);
        JsonNode filled = JSON.readTree("{\"status\":\"ok\",\"filled\":{\"totalSz\":\"0.02\",\"avgPx\":\"3007.2\"}}");
        assertThat(orders.settle("0x00000000000000000000000000000001", OrderStatus.FILLED, filled, null)).isTrue();
        assertThat(orders.settle("0x00000000000000000000000000000003", OrderStatus.UNKNOWN, null, null)).isTrue();
        assertThat(orders.settle("0xffffffffffffffffffffffffffffffff", OrderStatus.FILLED, filled, null)).isFalse();
        // Settled is final: the same settlement again changes nothing.
        assertThat(orders.settle("0x00000000000000000000000000000001", OrderStatus.FILLED, filled, null)).isFalse();

        JournalEntry one = orders.find("0x00000000000000000000000000000001").orElseThrow();
        assertThat(one.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(one.response()).isEqualTo(filled);
        assertThat(one.request()).isEqualTo(request);
        assertThat(one.positionId()).isEqualTo(7L);
        assertThat(one.createdAtMs()).isEqualTo(T0);
        assertThat(one.updatedAtMs()).isEqualTo(T0 + 500);
        assertThat(orders.find("0x00000000000000000000000000000002").orElseThrow().positionId()).isNull();

        EnumSet<OrderStatus> open = EnumSet.of(OrderStatus.SENT, OrderStatus.UNKNOWN);
        assertThat(orders.inStatus(open)).extracting(JournalEntry::cloid)
                .containsExactly("0x00000000000000000000000000000002", "0x00000000000000000000000000000003");
    }

    private int rowCount(String table) {
        return db.withConnection(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
