package lotus.web;

import static lotus.web.Json.F;
import static lotus.web.Json.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lotus.engine.EngineOutput;
import lotus.pm.Ae;
import lotus.pm.AeCalculator;
import lotus.pm.Regime;
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

    ObjectNode regime(Timeframe execution) {
        Regime regime = feed.update(clock.nowMs());
        Ae ae = AeCalculator.compute(regime, execution);
        ObjectNode out = F.objectNode().put("timeframe", execution.label()).put("a", ae.a()).put("e", ae.e());
        ArrayNode drivers = out.putArray("drivers");
        for (RegimeDriver d : RegimeDriver.values()) {
            for (Timeframe h : Regime.HORIZONS) {
                EngineOutput o = regime.output(d, h);
                if (o == null) {
                    continue;
                }
                ObjectNode n = drivers.addObject().put("driver", d.name().toLowerCase(java.util.Locale.ROOT))
                        .put("horizon", h.label()).put("state", o.state() == null ? null : o.state().name())
                        .put("prev_state", o.prevState() == null ? null : o.prevState().name())
                        .put("dormant", o.dormant()).put("bars", o.bars());
                time(n, "bar_open_time", o.barOpenTimeMs());
            }
        }
        ArrayNode parts = out.putArray("breakdown");
        for (Ae.Contribution c : ae.breakdown()) {
            parts.addObject().put("driver", c.driver().name().toLowerCase(java.util.Locale.ROOT))
                    .put("horizon", c.horizon().label()).put("state", c.state().name())
                    .put("weight", c.weight()).put("delta_a", c.deltaA()).put("delta_e", c.deltaE())
                    .put("weighted_a", c.weightedA()).put("weighted_e", c.weightedE());
        }
        return out;
    }
}
