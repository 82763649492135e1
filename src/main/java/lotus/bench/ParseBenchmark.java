package lotus.bench;

import java.io.PrintWriter;
import java.util.SplittableRandom;
import lotus.hyperliquid.ws.WsFrame;
import lotus.hyperliquid.ws.WsParser;

/**
 * {@code lotus bench parse}: seeded {@code trades} frames in Hyperliquid's exact shape through {@link WsParser} on one
 * thread; prints frames/s and trades/s for frames of one trade and of ten.
 */
public final class ParseBenchmark extends Benchmark<ParseBenchmark.Options> {

    public record Options(int frames) {
    }

    public ParseBenchmark(Options o, PrintWriter out) {
        super(o, out);
    }

    public void run() {
        for (int perFrame : new int[] {1, 10}) {
            String[] samples = samples(4096, perFrame);
            measure(samples, Math.min(o.frames(), 200_000)); // warm-up
            double seconds = measure(samples, o.frames());
            out.line("bench parse: %d trade(s)/frame: %,.0f frames/s, %,.0f trades/s (%,d frames)", perFrame,
                    o.frames() / seconds, o.frames() * (double) perFrame / seconds, o.frames());
        }
    }

    private static double measure(String[] samples, int n) {
        WsParser parser = new WsParser();
        long trades = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            WsFrame f = parser.parse(samples[i & (samples.length - 1)]);
            if (f instanceof WsFrame.Trades t) {
                trades += t.trades().size();
            }
        }
        double seconds = Bench.secondsSince(t0);
        if (trades == 0) {
            throw new IllegalStateException("parser produced no trades");
        }
        return seconds;
    }

    private static String[] samples(int count, int perFrame) {
        SplittableRandom r = new SplittableRandom(5);
        String[] out = new String[count];
        long tid = 118_906_512_037_719L;
        long time = 1_767_571_200_000L;
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder("{\"channel\":\"trades\",\"data\":[");
            for (int j = 0; j < perFrame; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append("{\"coin\":\"ETH\",\"side\":\"").append(r.nextBoolean() ? 'B' : 'A')
                        .append("\",\"px\":\"").append(3000 + r.nextInt(100)).append('.').append(r.nextInt(10))
                        .append("\",\"sz\":\"0.").append(1000 + r.nextInt(9000)).append("\",\"time\":")
                        .append(time += r.nextInt(50)).append(",\"hash\":\"0x")
                        .append("ab".repeat(32)).append("\",\"tid\":").append(tid++)
                        .append(",\"users\":[\"0x").append("1".repeat(40)).append("\",\"0x").append("2".repeat(40))
                        .append("\"]}");
            }
            out[i] = sb.append("]}").toString();
        }
        return out;
    }
}
