package lotus.learning;

import static lotus.learning.LearningWorld.buy;
import static lotus.learning.LearningWorld.in;
import static lotus.learning.LearningWorld.perps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import lotus.learning.LearningWorld.Trade;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lessons and the strength multipliers they give (STRATEGY.md §7), on hand-built sets of closed trades. */
class MultiplierTest {

    private static final String DIP = "S2.dip_buy";
    private static final String RETEST = "S1.retest_entry";
    private static final double EPS = 1e-12;

    @TempDir
    Path dir;

    LearningWorld world;

    @BeforeEach
    void open() {
        world = LearningWorld.sqlite(dir);
    }

    @AfterEach
    void close() {
        world.close();
    }

    private static Scope perpsBuy(String timeframe, String ticker, String state, String event) {
        return buy("hyperliquid", "perps", timeframe, ticker, state, event);
    }

    @Test
    void lessonsCountWinsAndAverageRrAndReturnForEverySubsetOfTheScope() {
        world.close(perps("1h", "ETH", "S2", DIP, 2.0));
        world.close(perps("1h", "ETH", "S2", DIP, -1.0));
        world.close(perps("1h", "ETH", "S2", DIP, 0.5)); // a "breakeven" outcome, but it made money: a win
        world.close(perps("1h", "SOL", "S2", DIP, 0.0)); // rr 0 is not a win
        world.close(perps("4h", "BTC", null, RETEST, 1.0)); // no entry state: only the 4 subsets without it

        List<Lesson> lessons = world.learned().lessons();

        // DIP: 8 subsets for ETH 1h S2, plus the 4 with SOL in them; RETEST: 4.
        assertThat(lessons).hasSize(8 + 4 + 4);
        assertThat(lessons.get(0).pattern()).isEqualTo(RETEST); // S1.retest_entry sorts before S2.dip_buy
        assertThat(lessons).filteredOn(l -> l.pattern().equals(RETEST)).extracting(l -> l.subset().label())
                .containsExactly("book", "timeframe=4h", "token_ticker=BTC", "timeframe=4h token_ticker=BTC");

        Lesson whole = find(lessons, DIP, Subset.WHOLE_BOOK);
        assertThat(whole.bookId()).isEqualTo("perps");
        assertThat(whole.tokenChain()).isEqualTo("hyperliquid");
        assertThat(whole.n()).isEqualTo(4);
        assertThat(whole.wins()).isEqualTo(2);
        assertThat(whole.winRate()).isEqualTo(0.5);
        assertThat(whole.meanRr()).isCloseTo((2.0 - 1.0 + 0.5 + 0.0) / 4, within(EPS));
        assertThat(whole.meanReturn()).isCloseTo((0.02 - 0.01 + 0.005 + 0.0) / 4, within(EPS));
        assertThat(whole.multiplier()).isEmpty();

        Lesson eth = find(lessons, DIP, new Subset("1h", "ETH", "S2"));
        assertThat(eth.n()).isEqualTo(3);
        assertThat(eth.wins()).isEqualTo(2);
        assertThat(eth.meanRr()).isCloseTo((2.0 - 1.0 + 0.5) / 3, within(EPS));
        Lesson sol = find(lessons, DIP, new Subset(null, "SOL", null));
        assertThat(sol.n()).isEqualTo(1);
        assertThat(sol.wins()).isZero();
        assertThat(find(lessons, DIP, new Subset("1h", null, "S2")).n()).isEqualTo(4);
        assertThat(lessons).noneMatch(l -> l.pattern().equals(RETEST) && l.subset().entryState() != null);
    }

    @Test
    void elevenTradesGiveNoMultiplierAndTheTwelfthGivesOne() {
        world.close(11, perps("1h", "ETH", "S2", DIP, 2.0));
        world.close(12, perps("4h", "BTC", "S1", RETEST, -1.0));
        LearningSystem eleven = world.learned();
        assertThat(eleven.multiplier(perpsBuy("1h", "ETH", "S2", DIP))).isEqualTo(1.0);
        assertThat(eleven.governingLesson(perpsBuy("1h", "ETH", "S2", DIP))).isEmpty();
        assertThat(find(eleven.lessons(), DIP, Subset.WHOLE_BOOK).multiplier()).isEmpty();

        world.close(perps("1h", "ETH", "S2", DIP, 2.0));
        eleven.catchUp();

        // mean_rr_book = (12 × 2 + 12 × -1) / 24 = 0.5; confidence = 12 / (12 + 24).
        double expected = 1 + (12.0 / 36) * (2.0 - 0.5) / 4;
        assertThat(expected).isCloseTo(1.125, within(EPS));
        assertThat(eleven.multiplier(perpsBuy("1h", "ETH", "S2", DIP))).isCloseTo(expected, within(EPS));
        assertThat(find(eleven.lessons(), DIP, Subset.WHOLE_BOOK).multiplier().getAsDouble())
                .isCloseTo(expected, within(EPS));
        assertThat(eleven.multiplier(perpsBuy("4h", "BTC", "S1", RETEST)))
                .isCloseTo(1 + (12.0 / 36) * (-1.0 - 0.5) / 4, within(EPS));
        // Another pattern on the same scope learned nothing.
        assertThat(eleven.multiplier(perpsBuy("1h", "ETH", "S2", "S3.dx"))).isEqualTo(1.0);
    }

    @Test
    void theAdjustmentIsClampedToHalfBothWays() {
        world.close(12, perps("1h", "ETH", "S2", DIP, 20.0));
        world.close(12, perps("4h", "BTC", "S1", RETEST, -10.0));
        LearningSystem learned = world.learned();

        // mean_rr_book = 5; (1/3) × (20 - 5) / 4 = 1.25 and (1/3) × (-10 - 5) / 4 = -1.25, both past the clamp.
        assertThat(learned.multiplier(perpsBuy("1h", "ETH", "S2", DIP))).isEqualTo(1.5);
        assertThat(learned.multiplier(perpsBuy("4h", "BTC", "S1", RETEST))).isEqualTo(0.5);
        assertThat(Lessons.strength(12, 5 + 6 - 1e-9, 5)).isLessThan(1.5);
        assertThat(Lessons.strength(12, 5 + 6, 5)).isEqualTo(1.5);
    }

    @Test
    void theMostSpecificLessonWins() {
        world.close(12, perps("1h", "ETH", "S2", DIP, 3.0));
        world.close(12, perps("1h", "SOL", "S2", DIP, 0.0));
        world.close(12, perps("4h", "BTC", "S1", RETEST, -1.5));
        LearningSystem learned = world.learned();
        double bookMean = (36 - 18) / 36.0;

        // Three dimensions (n 12, mean 3) beat timeframe alone (n 24, mean 1.5) and the whole pattern.
        Scope eth = perpsBuy("1h", "ETH", "S2", DIP);
        assertThat(learned.governingLesson(eth).orElseThrow().subset()).isEqualTo(new Subset("1h", "ETH", "S2"));
        assertThat(learned.multiplier(eth)).isCloseTo(1 + (12.0 / 36) * (3.0 - bookMean) / 4, within(EPS));
        assertThat(learned.multiplier(perpsBuy("1h", "SOL", "S2", DIP)))
                .isCloseTo(1 + (12.0 / 36) * (0.0 - bookMean) / 4, within(EPS));
        assertThat(find(learned.lessons(), DIP, new Subset("1h", null, null)).multiplier().getAsDouble())
                .isCloseTo(1 + (24.0 / 48) * (1.5 - bookMean) / 4, within(EPS));

        // Unknown entry state: the best the buy can match is timeframe + ticker.
        Scope noState = perpsBuy("1h", "ETH", null, DIP);
        assertThat(learned.governingLesson(noState).orElseThrow().subset()).isEqualTo(new Subset("1h", "ETH", null));
        assertThat(learned.multiplier(noState)).isCloseTo(1 + (12.0 / 36) * (3.0 - bookMean) / 4, within(EPS));

        // A ticker never traded falls back to timeframe + state, 24 trades with mean 1.5.
        Scope doge = perpsBuy("1h", "DOGE", "S2", DIP);
        assertThat(learned.governingLesson(doge).orElseThrow().subset()).isEqualTo(new Subset("1h", null, "S2"));
        assertThat(learned.multiplier(doge)).isCloseTo(1 + (24.0 / 48) * (1.5 - bookMean) / 4, within(EPS));
    }

    @Test
    void equallySpecificLessonsRankTimeframeThenTickerThenEntryState() {
        // perps: three two-dimension lessons of 12 trades each match an ETH 1h S2 buy; none with all three.
        world.close(12, perps("1h", "ETH", "S3", DIP, 2.0));
        world.close(12, perps("1h", "SOL", "S2", DIP, -1.0));
        world.close(12, perps("4h", "ETH", "S2", DIP, 1.0));
        // spot, a separate book: only one-dimension lessons match.
        world.close(12, in("hyperliquid", "spot", "4h", "ETH", "S3", DIP, 2.0));
        world.close(12, in("hyperliquid", "spot", "1h", "SOL", "S2", DIP, -1.0));
        LearningSystem learned = world.learned();
        double perpsMean = (24 - 12 + 12) / 36.0;
        double spotMean = (24 - 12) / 24.0;

        Scope ethPerps = perpsBuy("1h", "ETH", "S2", DIP);
        assertThat(learned.governingLesson(ethPerps).orElseThrow().subset()).isEqualTo(new Subset("1h", "ETH", null));
        assertThat(learned.multiplier(ethPerps)).isCloseTo(1 + (12.0 / 36) * (2.0 - perpsMean) / 4, within(EPS));
        assertThat(learned.multiplier(ethPerps)).isCloseTo(1 + 1.0 / 9, within(EPS));

        Scope solPerps = perpsBuy("4h", "SOL", "S2", DIP); // {4h, S2} (mean 1) over {SOL, S2} (mean -1)
        assertThat(learned.governingLesson(solPerps).orElseThrow().subset()).isEqualTo(new Subset("4h", null, "S2"));
        assertThat(learned.multiplier(solPerps)).isCloseTo(1 + (12.0 / 36) * (1.0 - perpsMean) / 4, within(EPS));

        Scope ethSpot1h = buy("hyperliquid", "spot", "1h", "ETH", "S1", DIP); // {1h} (mean -1) over {ETH} (mean 2)
        assertThat(learned.governingLesson(ethSpot1h).orElseThrow().subset()).isEqualTo(new Subset("1h", null, null));
        assertThat(learned.multiplier(ethSpot1h)).isCloseTo(1 + (12.0 / 36) * (-1.0 - spotMean) / 4, within(EPS));

        Scope ethSpot15m = buy("hyperliquid", "spot", "15m", "ETH", "S2", DIP); // {ETH} (mean 2) over {S2} (mean -1)
        assertThat(learned.governingLesson(ethSpot15m).orElseThrow().subset()).isEqualTo(new Subset(null, "ETH", null));
        assertThat(learned.multiplier(ethSpot15m)).isCloseTo(1 + (12.0 / 36) * (2.0 - spotMean) / 4, within(EPS));
    }

    @Test
    void lessonsNeverCrossBookOrChainAndTheBookMeanIsTheBooksOwn() {
        world.close(12, perps("1h", "ETH", "S2", DIP, 2.0));
        world.close(12, perps("4h", "BTC", "S1", RETEST, -1.0));
        LearningSystem learned = world.learned();
        double perpsExpected = 1 + (12.0 / 36) * (2.0 - 0.5) / 4;
        assertThat(learned.multiplier(perpsBuy("1h", "ETH", "S2", DIP))).isCloseTo(perpsExpected, within(EPS));
        for (Scope other : List.of(buy("solana", "social", "1h", "ETH", "S2", DIP),
                buy("binance", "perps", "1h", "ETH", "S2", DIP),
                buy("hyperliquid", "social", "1h", "ETH", "S2", DIP))) {
            assertThat(learned.multiplier(other)).as(other.label()).isEqualTo(1.0);
            assertThat(learned.governingLesson(other)).as(other.label()).isEmpty();
        }

        // Trades in other books, with means far from perps's, move neither perps's lessons nor its mean_rr_book.
        world.close(12, in("solana", "social", "1h", "ETH", "S2", DIP, -5.0));
        world.close(12, in("solana", "social", "4h", "BTC", "S1", RETEST, 1.0));
        world.close(30, in("binance", "perps", "1h", "ETH", "S2", DIP, 33.0));
        learned.catchUp();

        assertThat(learned.multiplier(perpsBuy("1h", "ETH", "S2", DIP))).isCloseTo(perpsExpected, within(EPS));
        // solana/social: mean_rr_book = (12 × -5 + 12 × 1) / 24 = -2.
        assertThat(learned.multiplier(buy("solana", "social", "1h", "ETH", "S2", DIP)))
                .isCloseTo(1 + (12.0 / 36) * (-5.0 - -2.0) / 4, within(EPS));
        // binance/perps has one pattern only, so its lesson equals its book mean.
        assertThat(learned.multiplier(buy("binance", "perps", "1h", "ETH", "S2", DIP))).isEqualTo(1.0);
        assertThat(learned.multiplier(buy("hyperliquid", "social", "1h", "ETH", "S2", DIP))).isEqualTo(1.0);
        assertThat(find(learned.lessons(), DIP, Subset.WHOLE_BOOK).n()).isEqualTo(12);
    }

    @Test
    void aBuyWithoutItsPatternIsAProgrammingError() {
        LearningSystem learned = world.learned();
        assertThatThrownBy(() -> learned.multiplier(perpsBuy("1h", "ETH", "S2", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("entry_event");
        assertThat(learned.multiplier(perpsBuy(null, null, null, DIP))).isEqualTo(1.0);
    }

    @Test
    void lessonsAndMultipliersEqualANaiveRecountOverRandomTrades() {
        long seed = 1_767_225_600L;
        SplittableRandom random = new SplittableRandom(seed);
        String[][] books = {{"hyperliquid", "perps"}, {"solana", "social"}};
        String[] tfs = {"15m", "1h", "4h"};
        String[] tickers = {"ETH", "SOL", "BTC", "HYPE"};
        String[] states = {"S1", "S2", "S3"};
        String[] events = {DIP, RETEST};
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String[] b = books[random.nextInt(2)];
            double rr = Math.round((random.nextDouble() * 12 - 4) * 100) / 100.0;
            trades.add(in(b[0], b[1], tfs[random.nextInt(3)], tickers[random.nextInt(4)],
                    random.nextInt(4) == 0 ? null : states[random.nextInt(3)], events[random.nextInt(2)], rr));
        }
        trades.forEach(world::close);
        LearningSystem learned = world.learned();

        // Every lesson recounted from the raw trades, and every (book, pattern, subset) a trade has is a lesson.
        Set<List<String>> naiveKeys = new HashSet<>();
        for (Trade t : trades) {
            for (List<String> dims : NAIVE_SUBSETS) {
                if (dims.stream().allMatch(d -> value(t, d) != null)) {
                    naiveKeys.add(List.of(t.chain(), t.book(), t.event(), subsetOf(t, dims).key()));
                }
            }
        }
        List<Lesson> lessons = learned.lessons();
        assertThat(lessons).hasSize(naiveKeys.size());
        for (Lesson l : lessons) {
            List<Trade> matching = trades.stream().filter(t -> t.chain().equals(l.tokenChain())
                    && t.book().equals(l.bookId()) && t.event().equals(l.pattern()) && matches(t, l.subset())).toList();
            assertThat(l.n()).as("seed %d %s", seed, l.line()).isEqualTo(matching.size());
            assertThat(l.wins()).as("seed %d %s", seed, l.line())
                    .isEqualTo(matching.stream().filter(t -> t.rr() > 0).count());
            assertThat(l.meanRr()).as("seed %d %s", seed, l.line())
                    .isCloseTo(matching.stream().mapToDouble(Trade::rr).average().orElseThrow(), within(1e-9));
            assertThat(l.meanReturn()).as("seed %d %s", seed, l.line())
                    .isCloseTo(matching.stream().mapToDouble(Trade::returnFraction).average().orElseThrow(),
                            within(1e-9));
        }

        // The multiplier of every buy scope, chosen by reading §7 literally.
        int withLesson = 0;
        for (String[] b : books) {
            double bookMean = trades.stream().filter(t -> t.chain().equals(b[0]) && t.book().equals(b[1]))
                    .mapToDouble(Trade::rr).average().orElseThrow();
            for (String tf : tfs) {
                for (String ticker : tickers) {
                    for (String state : new String[] {"S1", "S2", "S3", null}) {
                        for (String event : events) {
                            Scope buy = buy(b[0], b[1], tf, ticker, state, event);
                            double expected = 1.0;
                            for (List<String> dims : NAIVE_SUBSETS) {
                                if (dims.contains("entry_state") && state == null) {
                                    continue;
                                }
                                List<Trade> matching = trades.stream().filter(t -> t.chain().equals(b[0])
                                        && t.book().equals(b[1]) && t.event().equals(event)
                                        && dims.stream().allMatch(d -> value(t, d) != null
                                                && value(t, d).equals(value(buy, d)))).toList();
                                if (matching.size() >= 12) {
                                    double n = matching.size();
                                    double mean = matching.stream().mapToDouble(Trade::rr).average().orElseThrow();
                                    expected = 1 + Math.max(-0.5, Math.min(0.5, n / (n + 24) * (mean - bookMean) / 4));
                                    withLesson++;
                                    break;
                                }
                            }
                            assertThat(learned.multiplier(buy)).as("seed %d %s", seed, buy.label())
                                    .isCloseTo(expected, within(1e-9));
                        }
                    }
                }
            }
        }
        assertThat(withLesson).isGreaterThan(50);
    }

    /** Subsets most specific first, equally specific ones in the order timeframe, token_ticker, entry_state. */
    private static final List<List<String>> NAIVE_SUBSETS = List.of(
            List.of("timeframe", "token_ticker", "entry_state"),
            List.of("timeframe", "token_ticker"), List.of("timeframe", "entry_state"),
            List.of("token_ticker", "entry_state"),
            List.of("timeframe"), List.of("token_ticker"), List.of("entry_state"),
            List.of());

    private static String value(Trade t, String dim) {
        return switch (dim) {
            case "timeframe" -> t.timeframe();
            case "token_ticker" -> t.ticker();
            case "entry_state" -> t.state();
            default -> throw new AssertionError(dim);
        };
    }

    private static String value(Scope s, String dim) {
        return switch (dim) {
            case "timeframe" -> s.timeframe();
            case "token_ticker" -> s.tokenTicker();
            case "entry_state" -> s.entryState();
            default -> throw new AssertionError(dim);
        };
    }

    private static Subset subsetOf(Trade t, List<String> dims) {
        return new Subset(dims.contains("timeframe") ? t.timeframe() : null,
                dims.contains("token_ticker") ? t.ticker() : null, dims.contains("entry_state") ? t.state() : null);
    }

    private static boolean matches(Trade t, Subset s) {
        return (s.timeframe() == null || s.timeframe().equals(t.timeframe()))
                && (s.tokenTicker() == null || s.tokenTicker().equals(t.ticker()))
                && (s.entryState() == null || s.entryState().equals(t.state()));
    }

    /** The hyperliquid/perps lesson of {@code pattern} on {@code subset}, or null. */
    static Lesson find(List<Lesson> lessons, String pattern, Subset subset) {
        return lessons.stream().filter(l -> l.bookId().equals("perps") && l.tokenChain().equals("hyperliquid")
                && l.pattern().equals(pattern) && l.subset().equals(subset)).findFirst().orElse(null);
    }
}
