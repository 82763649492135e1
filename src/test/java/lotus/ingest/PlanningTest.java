package lotus.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import lotus.time.Timeframe;
import org.junit.jupiter.api.Test;

/** The pure parts of ingestion: who gets WebSocket, and which bars the stream saw completely. */
class PlanningTest {

    @Test
    void openPositionsGetWebSocketFirstWithinTheSharedBudget() {
        SubscriptionPlanner planner = new SubscriptionPlanner(1000, 50);
        assertThat(planner.tradingBudget(5)).isEqualTo(945);
        List<SubscriptionPlanner.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            candidates.add(new SubscriptionPlanner.Candidate(String.format("T%04d", i), i % 100 == 99));
        }
        SubscriptionPlanner.Plan plan = planner.plan(5, candidates);
        assertThat(plan.websocket()).hasSize(945);
        assertThat(plan.rest()).hasSize(255);
        // The 12 tokens with inventory come first, then watchlist tokens by name.
        assertThat(plan.websocket().subList(0, 12)).allMatch(c -> c.endsWith("99"));
        assertThat(plan.websocket().get(12)).isEqualTo("T0000");
        assertThat(plan.rest()).noneMatch(c -> c.endsWith("99")).last().isEqualTo("T1198");
        assertThat(planner.plan(5, candidates)).isEqualTo(plan);
        assertThatThrownBy(() -> new SubscriptionPlanner(1000, 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void barsOverlappingAHoleAreTainted() {
        Coverage c = new Coverage();
        assertThat(c.tainted("ETH", 0, 60_000)).as("untracked").isTrue();
        c.track("ETH");
        assertThat(c.tainted("ETH", 0, 60_000)).as("before the first ack").isTrue();
        c.live("ETH", 90_000);
        assertThat(c.tainted("ETH", 60_000, 120_000)).as("bar holding the ack").isTrue();
        assertThat(c.tainted("ETH", 120_000, 180_000)).isFalse();
        assertThat(c.openHoleStart("ETH")).isEqualTo(Long.MAX_VALUE);

        c.lost("ETH", 200_000);
        assertThat(c.openHoleStart("ETH")).isEqualTo(200_000);
        assertThat(c.tainted("ETH", 180_000, 240_000)).isTrue();
        assertThat(c.tainted("ETH", 600_000, 660_000)).as("hole still open").isTrue();
        c.live("ETH", 250_000);
        assertThat(c.tainted("ETH", 240_000, 300_000)).isTrue();
        assertThat(c.tainted("ETH", 300_000, 360_000)).isFalse();
        assertThat(c.tainted("ETH", Timeframe.H1.floor(250_000), Timeframe.H1.closeTimeMs(0))).isTrue();

        c.lost("ETH", 400_000, 400_000);
        assertThat(c.tainted("ETH", 360_000, 420_000)).isTrue();
        assertThat(c.tainted("ETH", 420_000, 480_000)).isFalse();

        c.prune(300_000);
        assertThat(c.tainted("ETH", 240_000, 300_000)).as("pruned").isFalse();
        assertThat(c.tainted("ETH", 360_000, 420_000)).isTrue();
        c.forget("ETH");
        assertThat(c.tracks("ETH")).isFalse();
    }
}
