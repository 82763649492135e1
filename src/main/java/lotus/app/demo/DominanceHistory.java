package lotus.app.demo;

import java.util.ArrayList;
import java.util.List;
import lotus.coingecko.Dominance;
import lotus.ingest.DominanceCollector;
import lotus.sim.CoinGeckoSim;
import lotus.time.Timeframe;

/**
 * The demo's dominance history. CoinGecko's {@code /global} answers the present only, so a real run's BTC.d and USDT.d
 * bars start the minute its collector first calls; the engine needs 333 before a driver counts. This stands in for the
 * history the API never serves: one sample a minute of the simulated CoinGecko's own seeded paths (the ones it answers
 * from afterwards), stored through the collector's 1m bars → rollups code path in one upsert.
 */
final class DominanceHistory {

    private DominanceHistory() {
    }

    /** A sample for every minute in {@code [fromMs, toMs)}, stored by the collector; the bars written. */
    static int write(DominanceCollector collector, CoinGeckoSim coinGecko, long fromMs, long toMs) {
        List<Dominance> samples = new ArrayList<>();
        for (long minute = fromMs; minute < toMs; minute += Timeframe.M1.durationMs()) {
            samples.add(new Dominance(coinGecko.btcAt(minute), coinGecko.usdtAt(minute), minute));
        }
        return collector.storeHistory(samples);
    }
}
