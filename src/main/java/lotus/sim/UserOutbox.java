package lotus.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * User-stream frames ({@code userFills}, {@code orderUpdates}) the exchange produced and the WebSocket pump has not
 * sent yet. A queue rather than a call into the hub keeps the exchange's lock and the hub's lock independent, and
 * frames leave in the order the exchange applied them.
 */
final class UserOutbox {

    /** @param subscriptionKey {@link Subscription#json()} of the subscription that receives it */
    record Frame(String subscriptionKey, String text) {
    }

    private final ConcurrentLinkedQueue<Frame> frames = new ConcurrentLinkedQueue<>();

    void add(Subscription subscription, String text) {
        frames.add(new Frame(subscription.json(), text));
    }

    List<Frame> drain() {
        List<Frame> out = new ArrayList<>();
        for (Frame frame = frames.poll(); frame != null; frame = frames.poll()) {
            out.add(frame);
        }
        return out;
    }
}
