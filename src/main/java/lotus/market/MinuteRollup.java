package lotus.market;

import java.util.ArrayList;
import java.util.List;
import lotus.time.Timeframe;

/**
 * Rolls finished bars up into a larger timeframe by the shared rules: open of the first, close of the last, max high,
 * min low, summed volume and trade count. For series that arrive as bars, not trades (a bucket index), where
 * {@link BarRollup} does not apply.
 */
public final class MinuteRollup {

    private MinuteRollup() {
    }

    /**
     * One bar per {@code tf} period that holds at least one input bar, oldest first; a period still open or with
     * missing minutes is rolled from what there is (the caller knows whether it is complete). The input must be one
     * series (token, chain, timeframe) of a smaller timeframe, strictly increasing in open time.
     */
    public static List<Bar> rollUp(List<Bar> minutes, Timeframe tf) {
        List<Bar> out = new ArrayList<>();
        Bar acc = null;
        Bar previous = null;
        for (Bar m : minutes) {
            if (previous != null && (m.openTimeMs() <= previous.openTimeMs() || m.timeframe() != previous.timeframe()
                    || !m.tokenContract().equals(previous.tokenContract()) || !m.chain().equals(previous.chain()))) {
                throw new IllegalArgumentException("not one increasing series: " + previous.tokenContract() + " "
                        + previous.timeframe() + " @" + previous.openTimeMs() + " then " + m.tokenContract() + " "
                        + m.timeframe() + " @" + m.openTimeMs());
            }
            if (m.timeframe().durationMs() >= tf.durationMs()) {
                throw new IllegalArgumentException("cannot roll " + m.timeframe() + " bars up to " + tf);
            }
            previous = m;
            long open = tf.floor(m.openTimeMs());
            if (acc != null && acc.openTimeMs() == open) {
                acc = new Bar(acc.tokenContract(), acc.chain(), tf, open, acc.open(), acc.high().max(m.high()),
                        acc.low().min(m.low()), m.close(), acc.volume().add(m.volume()),
                        acc.tradeCount() + m.tradeCount());
                continue;
            }
            if (acc != null) {
                out.add(acc);
            }
            acc = new Bar(m.tokenContract(), m.chain(), tf, open, m.open(), m.high(), m.low(), m.close(), m.volume(),
                    m.tradeCount());
        }
        if (acc != null) {
            out.add(acc);
        }
        return List.copyOf(out);
    }
}
