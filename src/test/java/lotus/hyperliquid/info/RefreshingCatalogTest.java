package lotus.hyperliquid.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lotus.time.RateBudget;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.hyperliquid.common.UnknownAssetException;
import lotus.sim.HlSimulator;
import lotus.sim.SimConfig;
import lotus.time.Clock;
import lotus.time.SimulatedClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog read again on its interval and on an unknown name, never more than once a minute for the latter. */
class RefreshingCatalogTest {

    private HlSimulator sim;
    private HlInfoClient info;
    private RateBudget weight;
    private SimulatedClock clock;

    @BeforeEach
    void start() {
        sim = HlSimulator.start(SimConfig.defaults(3).withTradesPerSecond(5).withKeepTrades(false), Clock.system(), 0);
        clock = SimulatedClock.manual(1_767_225_600_000L);
        weight = new RateBudget("catalog", 1_000_000, Clock.system());
        info = new HlInfoClient(URI.create(sim.restUrl() + "/info"), weight, Clock.system());
    }

    @AfterEach
    void stop() {
        info.close();
        sim.close();
    }

    @Test
    void readsAgainOnItsIntervalAndOnAnUnknownNameAtMostOnceAMinute() {
        RefreshingCatalog catalog = RefreshingCatalog.load(info, null, clock, Duration.ofHours(1));
        long oneRead = weight.totalSpent();
        assertThat(oneRead).isPositive();
        assertThat(catalog.byName("ETH").apiCoin()).isEqualTo("ETH");
        assertThat(weight.totalSpent()).isEqualTo(oneRead); // a known name reads nothing

        // Unknown right after the load: no second read within the minute.
        assertThatThrownBy(() -> catalog.byName("NOTLISTED")).isInstanceOf(UnknownAssetException.class);
        assertThat(weight.totalSpent()).isEqualTo(oneRead);
        // A minute on: one read, then the same refusal.
        clock.advanceMs(RefreshingCatalog.MIN_GAP_MS);
        assertThatThrownBy(() -> catalog.byName("NOTLISTED")).isInstanceOf(UnknownAssetException.class);
        assertThat(weight.totalSpent()).isEqualTo(2 * oneRead);
        assertThatThrownBy(() -> catalog.byName("NOTLISTED")).isInstanceOf(UnknownAssetException.class);
        assertThat(weight.totalSpent()).isEqualTo(2 * oneRead);

        // The interval: the next lookup after an hour reads the catalog again.
        clock.advanceMs(Duration.ofHours(1).toMillis());
        assertThat(catalog.current().byName("BTC").apiCoin()).isEqualTo("BTC");
        assertThat(weight.totalSpent()).isEqualTo(3 * oneRead);
    }

    @Test
    void lookupsGoOnWithTheCatalogInHandDuringARefreshAndAnUnknownNameWaitsForIt() throws Exception {
        // The reads' budget waits on a clock of its own that only the test moves: a refresh then stays under way.
        SimulatedClock budgetClock = SimulatedClock.manual(1_767_225_600_000L);
        RateBudget slow = new RateBudget("slow", 1_000_000, budgetClock);
        try (HlInfoClient held = new HlInfoClient(URI.create(sim.restUrl() + "/info"), slow, Clock.system())) {
            RefreshingCatalog catalog = RefreshingCatalog.load(held, null, clock, Duration.ofHours(1));
            AssetCatalog first = catalog.current();
            long oneRead = slow.totalSpent();
            slow.exhaust();
            clock.advanceMs(Duration.ofHours(1).toMillis());

            CompletableFuture<AssetCatalog> reader = new CompletableFuture<>();
            // It can only wait at the budget: no read passes it before the test moves the budget's clock.
            startAndAwaitWaiting("refresher", () -> reader.complete(catalog.current()));
            // Another worker's lookup meanwhile: the catalog in hand at once, and no second read.
            AssetCatalog meanwhile = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), catalog::current);
            assertThat(meanwhile).isSameAs(first);
            assertThat(reader).isNotDone();

            // A name the catalog in hand lacks waits for the read under way, which may bring its listing.
            CompletableFuture<Throwable> unknown = new CompletableFuture<>();
            startAndAwaitWaiting("unknown-name", () -> {
                try {
                    catalog.byName("NOTLISTED");
                    unknown.complete(null);
                } catch (RuntimeException e) {
                    unknown.complete(e);
                }
            });
            assertThat(unknown).isNotDone();

            budgetClock.advanceMs(Duration.ofMinutes(1).toMillis());
            // Answered from that read (still not listed), without a read of its own.
            assertThat(unknown.get(10, TimeUnit.SECONDS)).isInstanceOf(UnknownAssetException.class);
            AssetCatalog fresh = reader.get(10, TimeUnit.SECONDS);
            assertThat(fresh).isNotSameAs(first);
            assertThat(catalog.current()).isSameAs(fresh);
            assertThat(slow.totalSpent()).isEqualTo(2 * oneRead);
        }
    }

    /** Runs {@code body} on a daemon thread and returns once that thread waits (parked or in a monitor's wait). */
    private static void startAndAwaitWaiting(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);
    }

    @Test
    void aFailedRefreshKeepsTheCatalogInHand() {
        // The client's retries wait on its own clock: a fast one, so the venue's absence costs milliseconds here.
        Clock fast = SimulatedClock.accelerated(System.currentTimeMillis(), 10_000);
        try (HlInfoClient quick = new HlInfoClient(URI.create(sim.restUrl() + "/info"),
                new RateBudget("quick", 1_000_000, fast), fast)) {
            RefreshingCatalog catalog = RefreshingCatalog.load(quick, null, clock, Duration.ofMinutes(5));
            sim.close(); // the venue is gone
            clock.advanceMs(Duration.ofMinutes(5).toMillis());
            assertThat(catalog.current().byName("ETH").apiCoin()).isEqualTo("ETH");
            assertThat(catalog.byName("SOL").apiCoin()).isEqualTo("SOL");
        }
    }
}
