package lotus.web;

import static lotus.web.Json.F;
import static lotus.web.Json.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lotus.engine.EngineOutput;
import lotus.market.MarketCapBucket;
import lotus.pm.Ae;
import lotus.pm.Regime;
import lotus.pm.RegimeAe;
import lotus.pm.RegimeDriver;
import lotus.pm.RegimeFeed;
import lotus.store.PriceDataReader;
import lotus.store.Database;
import lotus.time.Clock;
import lotus.time.Timeframe;

/**
 * {@code /api/regime}: each driver's engine state per horizon, and A and E for one execution timeframe with each
 * driver's part of them. The server keeps its own {@link RegimeFeed} (its trackers advance by the bars closed since
 * the last request), so it needs nothing from the trading process and {@code lotus serve} shows the same.
 */
final class RegimeView {

    private final RegimeFeed feed;
    private final Clock clock;

    RegimeView(Database db, Clock clock) {
        this.feed = new RegimeFeed(new PriceDataReader(db));
        this.clock = clock;
    }

    /**
     * The shared drivers' A/E (what a token without a market-cap bucket gets) with its breakdown, then each bucket
     * with data: its A/E (what its members get), its part, and how many tokens it holds today.
     */
    ObjectNode regime(Timeframe execution) {
        Regime regime = feed.update(clock.nowMs());
        RegimeAe ae = RegimeAe.compute(regime, execution);
        ObjectNode out = F.objectNode().put("timeframe", execution.label()).put("a", ae.shared().a())
                .put("e", ae.shared().e());
        ArrayNode drivers = out.putArray("drivers");
        for (Timeframe h : Regime.HORIZONS) {
            for (RegimeDriver d : RegimeDriver.values()) {
                driver(drivers, d.name().toLowerCase(Locale.ROOT), h, regime.output(d, h));
            }
            for (MarketCapBucket b : MarketCapBucket.values()) {
                driver(drivers, b.driver(), h, regime.buckets().getOrDefault(b, Map.of()).get(h));
            }
        }
        breakdown(out.putArray("breakdown"), ae.shared(), c -> true);
        ArrayNode buckets = out.putArray("buckets");
        Map<MarketCapBucket, Long> members = new EnumMap<>(MarketCapBucket.class);
        regime.members().values().forEach(tokens -> tokens.values().forEach(b -> members.merge(b, 1L, Long::sum)));
        new TreeMap<>(ae.byBucket()).forEach((b, bucketAe) -> {
            ObjectNode n = buckets.addObject().put("bucket", b.driver()).put("a", bucketAe.a()).put("e", bucketAe.e())
                    .put("members_today", members.getOrDefault(b, 0L));
            breakdown(n.putArray("breakdown"), bucketAe, c -> c.driver() == RegimeDriver.BUCKET);
        });
        return out;
    }

    private static void driver(ArrayNode drivers, String name, Timeframe h, EngineOutput o) {
        if (o == null) {
            return;
        }
        ObjectNode n = drivers.addObject().put("driver", name)
                .put("horizon", h.label()).put("state", o.state() == null ? null : o.state().name())
                .put("prev_state", o.prevState() == null ? null : o.prevState().name())
                .put("dormant", o.dormant()).put("bars", o.bars());
        time(n, "bar_open_time", o.barOpenTimeMs());
    }

    private static void breakdown(ArrayNode parts, Ae ae, java.util.function.Predicate<Ae.Contribution> which) {
        for (Ae.Contribution c : ae.breakdown()) {
            if (!which.test(c)) {
                continue;
            }
            ObjectNode n = parts.addObject().put("driver", c.driver().name().toLowerCase(Locale.ROOT))
                    .put("horizon", c.horizon().label()).put("state", c.state().name())
                    .put("weight", c.weight()).put("delta_a", c.deltaA()).put("delta_e", c.deltaE())
                    .put("weighted_a", c.weightedA()).put("weighted_e", c.weightedE());
            c.flags().forEach(n.putArray("flags")::add);
        }
    }
}
