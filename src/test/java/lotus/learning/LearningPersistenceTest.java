package lotus.learning;

import lotus.store.LearningTables;
import static lotus.learning.LearningWorld.DAY_MS;
import static lotus.learning.LearningWorld.T0;
import static lotus.learning.LearningWorld.buy;
import static lotus.learning.LearningWorld.in;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.learning.LearningWorld.Trade;
import lotus.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Aggregates and cursor in the database: a restart resumes, nothing is applied twice, bad strands are passed over. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class LearningPersistenceTest {

    private static final String[] TIMEFRAMES = {"15m", "1h", "4h"};
    private static final String[] TICKERS = {"ETH", "SOL", "BTC"};
    private static final String[] STATES = {"S1", "S2", "S3"};
    private static final String[] EVENTS = {"S1.retest_entry", "S2.dip_buy", "S3.dx", "S3.reclaim_rebuy"};
    private static final String[][] BOOKS = {{"hyperliquid", "perps"}, {"hyperliquid", "spot"}, {"solana", "social"}};

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path dir;

    LearningWorld world;

    @BeforeEach
    void open() {
        world = new LearningWorld(kind, dir);
    }

    @AfterEach
    void close() {
        // Null when the PostgreSQL case was skipped in open() (no LOTUS_TEST_PG_URL).
        if (world != null) {
            world.close();
        }
    }

    /** Seeded trades over three books, with rr to three decimals and closes spread over 60 days. */
    private static List<Trade> randomTrades(SplittableRandom random, int count) {
        List<Trade> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] book = BOOKS[random.nextInt(BOOKS.length)];
            double rr = Math.round((random.nextDouble() * 10 - 3) * 1000) / 1000.0;
            out.add(in(book[0], book[1], TIMEFRAMES[random.nextInt(3)], TICKERS[random.nextInt(3)],
                    random.nextInt(5) == 0 ? null : STATES[random.nextInt(3)], EVENTS[random.nextInt(4)], rr)
                    .closedAt(T0 + (long) (random.nextDouble() * 60 * DAY_MS)));
        }
        return out;
    }

    @Test
    void aPageOfStrandsStoresItsAggregatesAndTheCursor() throws Exception {
        world.close(in("hyperliquid", "perps", "1h", "ETH", "S2", "S2.dip_buy", 1.5));
        world.close(in("hyperliquid", "perps", "1h", "SOL", "S2", "S2.dip_buy", -0.25));
        long last = world.close(
                in("hyperliquid", "perps", "4h", "ETH", null, "S1.retest_entry", 0.1).closedAt(T0 + DAY_MS));

        LearningSystem learned = new LearningSystem(new lotus.store.ClosedTradeStrands(world.strands), new LearningTables(world.db), 2);
        assertThat(learned.catchUp()).isEqualTo(3);

        assertThat(count("learning_lessons")).isEqualTo(8 + 4 + 4);
        assertThat(row("SELECT n, wins, sum_rr, sum_return FROM learning_lessons WHERE book_id = 'perps'"
                + " AND token_chain = 'hyperliquid' AND pattern = 'S2.dip_buy' AND subset_key = '{}'"))
                .containsExactly("2", "1", "1.25", "0.0125");
        assertThat(row("SELECT n, sum_rr FROM learning_lessons WHERE pattern = 'S2.dip_buy'"
                + " AND subset_key = '{\"timeframe\":\"1h\",\"token_ticker\":\"SOL\",\"entry_state\":\"S2\"}'"))
                .containsExactly("1", "-0.25");
        // Two closes at T0 weigh 1 each.
        assertThat(row("SELECT n, wins, sum_rr, ewma_weight, ewma_weighted_rr FROM learning_timeframes"
                + " WHERE book_id = 'perps' AND timeframe = '1h'")).containsExactly("2", "1", "1.25", "2", "1.25");
        assertThat(row("SELECT n, ewma_weight FROM learning_timeframes WHERE timeframe = '4h'"))
                .containsExactly("1", "1");
        assertThat(row("SELECT last_strand_id, strands_applied, strands_skipped FROM learning_cursor"
                + " WHERE strand_kind = 'position_closed'")).containsExactly(String.valueOf(last), "3", "0");
        assertThat(learned.status()).isEqualTo(new LearningStatus(last, 3, 0));
    }

    @Test
    void aRestartResumesFromTheCursorAndEqualsARebuildFromScratch() throws Exception {
        long seed = 7_2026L;
        SplittableRandom random = new SplittableRandom(seed);
        List<Trade> before = randomTrades(random, 300);
        List<Trade> after = randomTrades(random, 100);
        before.forEach(world::close);
        LearningSystem first = new LearningSystem(new lotus.store.ClosedTradeStrands(world.strands), new LearningTables(world.db), 70);
        assertThat(first.catchUp()).isEqualTo(300);

        // The process stops; more trades close; a new process starts on the same database.
        after.forEach(world::close);
        LearningSystem restarted = new LearningSystem(new lotus.store.ClosedTradeStrands(world.strands), new LearningTables(world.db), 30);
        assertThat(restarted.status()).isEqualTo(first.status());
        assertThat(restarted.lessons()).isEqualTo(first.lessons());
        assertThat(restarted.catchUp()).isEqualTo(100);
        assertThat(restarted.catchUp()).isZero();
        assertThat(restarted.status().strandsApplied()).isEqualTo(400);

        // The old process, still holding the cursor it had, finds it moved and reloads instead of applying again.
        assertThat(first.catchUp()).isZero();
        assertThat(first.lessons()).isEqualTo(restarted.lessons());
        assertThat(sumOfTimeframeTrades()).isEqualTo(400);
        assertThat(new LearningSystem(new lotus.store.ClosedTradeStrands(world.strands), new LearningTables(world.db)).lessons()).isEqualTo(restarted.lessons());

        Path scratchDir = Files.createDirectories(dir.resolve("scratch"));
        try (LearningWorld scratchWorld = new LearningWorld(kind, scratchDir)) {
            before.forEach(scratchWorld::close);
            after.forEach(scratchWorld::close);
            LearningSystem scratch = new LearningSystem(new lotus.store.ClosedTradeStrands(scratchWorld.strands), new LearningTables(scratchWorld.db), 1000);
            assertThat(scratch.catchUp()).isEqualTo(400);
            assertThat(restarted.lessons()).as("seed %d", seed).isEqualTo(scratch.lessons());
            assertThat(restarted.status()).isEqualTo(scratch.status());
            for (String[] book : BOOKS) {
                assertThat(restarted.timeframeWeights(book[1], book[0])).as("seed %d %s", seed, book[1])
                        .isEqualTo(scratch.timeframeWeights(book[1], book[0]));
                for (String event : EVENTS) {
                    Scope s = buy(book[0], book[1], "1h", "ETH", "S2", event);
                    assertThat(restarted.multiplier(s)).isEqualTo(scratch.multiplier(s));
                }
            }
            assertThat(scratch.lessons())
                    .anyMatch(l -> l.multiplier().isPresent() && l.multiplier().getAsDouble() != 1);
        }
    }

    @Test
    void malformedStrandsAreCountedLoggedAndPassedOver() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(LearningSystem.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            Trade good = in("hyperliquid", "perps", "1h", "ETH", "S2", "S2.dip_buy", 2.0);
            world.close(good);
            long noBook = world.closeRaw(LearningWorld.JSON.readTree("{\"token_chain\":\"hyperliquid\","
                    + "\"timeframe\":\"1h\",\"entry_event\":\"S2.dip_buy\"}"), good.payloadJson("t-nobook"));
            long textRr = world.closeRaw(good.scopeJson(), good.payloadJson("t-text").put("rr", "lots"));
            long last = world.close(good);

            LearningSystem learned = new LearningSystem(new lotus.store.ClosedTradeStrands(world.strands), new LearningTables(world.db));
            assertThat(learned.catchUp()).isEqualTo(4);

            assertThat(learned.status()).isEqualTo(new LearningStatus(last, 2, 2));
            assertThat(MultiplierTest.find(learned.lessons(), "S2.dip_buy", Subset.WHOLE_BOOK).n()).isEqualTo(2);
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "learning skipped strand id=" + noBook + " kind=position_closed: scope.book_id is required",
                    "learning skipped strand id=" + textRr
                            + " kind=position_closed: payload.rr must be a finite number, got \"lots\"");

            // A restart does not read them again, and what comes next is applied.
            world.close(good);
            LearningSystem restarted = new LearningSystem(new lotus.store.ClosedTradeStrands(world.strands), new LearningTables(world.db));
            assertThat(restarted.status()).isEqualTo(new LearningStatus(last, 2, 2));
            assertThat(restarted.catchUp()).isEqualTo(1);
            assertThat(restarted.status().strandsApplied()).isEqualTo(3);
            assertThat(restarted.status().strandsSkipped()).isEqualTo(2);
            assertThat(logs.list).hasSize(2);
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void strandsOfOtherKindsAreNotRead() {
        Trade trade = in("hyperliquid", "perps", "1h", "ETH", "S2", "S2.dip_buy", 1);
        world.strands.append("trim_executed", trade.scopeJson(), LearningWorld.JSON.createObjectNode());
        long id = world.close(trade);
        LearningSystem learned = world.learned();
        assertThat(learned.status()).isEqualTo(new LearningStatus(id, 1, 0));
        assertThat(learned.timeframeWeights("perps", "hyperliquid").ewmaRr()).containsEntry("1h", 1.0);
    }

    private long count(String table) {
        return Long.parseLong(row("SELECT COUNT(*) FROM " + table).get(0));
    }

    private long sumOfTimeframeTrades() {
        return new BigDecimal(row("SELECT SUM(n) FROM learning_timeframes").get(0)).longValueExact();
    }

    /** The first row of {@code sql}, every column as text (decimals normalised to their plain form). */
    private List<String> row(String sql) {
        return world.db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(new BigDecimal(rs.getString(i)).stripTrailingZeros().toPlainString());
                }
                return out;
            }
        });
    }
}
