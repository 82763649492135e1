package lotus.hyperliquid.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscription bookkeeping without a socket: requests sent, pacing, acks, retries, refusal, reconnects. */
class SubscriptionSetTest {

    private static final long T0 = 1_767_571_200_000L;
    private final List<String> sent = new ArrayList<>();
    private final List<String> liveNow = new ArrayList<>();
    private final SubscriptionSet.Sender sender = text -> sent.add(text);
    private final SubscriptionSet.LiveListener listener = (s, atMs) -> liveNow.add(s.coin() + "@" + (atMs - T0));

    private static String subscribe(String coin) {
        return SubscriptionSet.request("subscribe", Subscription.trades(coin));
    }

    @Test
    void subscribesArePacedPerSecondAndGoLiveOnTheirAck() {
        SubscriptionSet set = new SubscriptionSet("t", 5_000, 2);
        for (String coin : List.of("BTC", "ETH", "SOL")) {
            set.subscribe(Subscription.trades(coin));
        }
        set.maintain(T0, sender, listener);
        assertThat(sent).hasSize(2); // in no promised order: what is wanted is a set
        set.maintain(T0 + 500, sender, listener);
        assertThat(sent).hasSize(2); // still the same second
        set.maintain(T0 + 1_000, sender, listener);
        assertThat(sent).containsExactlyInAnyOrder(subscribe("BTC"), subscribe("ETH"), subscribe("SOL"));

        set.acked(new WsFrame.Ack("subscribe", Subscription.trades("ETH")));
        assertThat(set.isLive(Subscription.trades("ETH"))).as("taken in on the next step").isFalse();
        set.maintain(T0 + 1_200, sender, listener);
        assertThat(set.isLive(Subscription.trades("ETH"))).isTrue();
        assertThat(set.liveCount()).isEqualTo(1);
        assertThat(liveNow).containsExactly("ETH@1200");
        assertThat(sent).hasSize(3); // nothing resent while acks are awaited
    }

    @Test
    void anUnacknowledgedSubscribeIsSentOnceMoreThenGivenUp() {
        SubscriptionSet set = new SubscriptionSet("t", 5_000, 10);
        set.subscribe(Subscription.trades("BAD"));
        set.maintain(T0, sender, listener);
        set.maintain(T0 + 5_000, sender, listener);
        assertThat(sent).hasSize(1); // not yet late
        set.maintain(T0 + 5_001, sender, listener);
        assertThat(sent).containsExactly(subscribe("BAD"), subscribe("BAD"));
        set.maintain(T0 + 10_002, sender, listener);
        assertThat(set.refused()).isEqualTo(1);
        assertThat(set.wantedCount()).isZero();
        set.maintain(T0 + 20_000, sender, listener);
        assertThat(sent).hasSize(2);
    }

    @Test
    void unsubscribingSendsAnUnsubscribeAndALostConnectionResubscribesEverythingWanted() {
        SubscriptionSet set = new SubscriptionSet("t", 5_000, 10);
        set.subscribe(Subscription.trades("BTC"));
        set.subscribe(Subscription.trades("ETH"));
        set.maintain(T0, sender, listener);
        set.acked(new WsFrame.Ack("subscribe", Subscription.trades("BTC")));
        set.acked(new WsFrame.Ack("subscribe", Subscription.trades("ETH")));
        set.maintain(T0 + 10, sender, listener);
        assertThat(set.liveCount()).isEqualTo(2);

        set.unsubscribe(Subscription.trades("ETH"));
        set.maintain(T0 + 20, sender, listener);
        assertThat(sent).last().isEqualTo(SubscriptionSet.request("unsubscribe", Subscription.trades("ETH")));
        assertThat(set.isLive(Subscription.trades("ETH"))).isFalse();

        sent.clear();
        set.lost();
        assertThat(set.liveCount()).isZero();
        set.connected();
        set.maintain(T0 + 2_000, sender, listener);
        assertThat(sent).containsExactly(subscribe("BTC"));
    }

    @Test
    void aRequestThatCannotBeSentIsTriedAgainOnTheNextStep() {
        SubscriptionSet set = new SubscriptionSet("t", 5_000, 10);
        set.subscribe(Subscription.trades("BTC"));
        set.maintain(T0, text -> false, listener);
        set.maintain(T0 + 1_000, sender, listener);
        assertThat(sent).containsExactly(subscribe("BTC"));
    }
}
