package lotus.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * A DexScreener-like source for a Solana book: the closed candles of chosen simulated coins, under made-up mints.
 * What it prints goes to a sink (the demo stores it as Solana bars).
 */
public final class SolanaFeed {

    private final SimMarket market;
    private final Map<String, String> coinByMint;
    private final Timeframe tf;
    private final long fromMs;
    private final Consumer<List<Bar>> sink;
    private final Map<String, Long> lastOpen = new HashMap<>();

    /** @param fromMs the first call copies the candles from here on */
    public SolanaFeed(SimMarket market, Map<String, String> coinByMint, Timeframe tf, long fromMs,
            Consumer<List<Bar>> sink) {
        this.market = market;
        this.coinByMint = Map.copyOf(coinByMint);
        this.tf = tf;
        this.fromMs = fromMs;
        this.sink = sink;
    }

    /** Sends the candles that closed by {@code closeMs} and were not sent yet, one list per mint. */
    public synchronized void poll(long closeMs) {
        for (Map.Entry<String, String> e : coinByMint.entrySet()) {
            long from = lastOpen.getOrDefault(e.getKey(), fromMs - 1) + 1;
            List<Bar> fresh = new ArrayList<>();
            for (Bar b : market.candles(e.getValue(), tf, from, closeMs)) {
                if (b.openTimeMs() + tf.durationMs() <= closeMs) {
                    fresh.add(new Bar(e.getKey(), "solana", tf, b.openTimeMs(), b.open(), b.high(), b.low(),
                            b.close(), b.volume(), 0));
                }
            }
            if (!fresh.isEmpty()) {
                sink.accept(fresh);
                lastOpen.put(e.getKey(), fresh.get(fresh.size() - 1).openTimeMs());
            }
        }
    }
}
