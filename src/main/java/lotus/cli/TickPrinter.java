package lotus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import lotus.engine.EngineOutput;
import lotus.engine.Gate;
import lotus.market.MarketCapBucket;
import lotus.pm.Ae;
import lotus.pm.ExecutionResult;
import lotus.pm.PositionReport;
import lotus.pm.Regime;
import lotus.pm.RegimeAe;
import lotus.pm.RegimeDriver;
import lotus.pm.TickReport;
import lotus.time.Timeframe;

/** Renders a tick for an operator: one block per position, then the counts and where the time went. */
final class TickPrinter {

    private TickPrinter() {
    }

    static String render(TickReport r, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        regime(sb, r.regimeAe(), verbose);
        for (PositionReport p : r.positions()) {
            sb.append(String.format(Locale.ROOT, "%-28s -> %-18s %s", p.before().label(),
                    p.module() == null ? "(no module)" : p.module(), p.outcome().name().toLowerCase(Locale.ROOT)));
            Optional<MarketCapBucket> bucket = r.regimeAe().bucketOf(p.before());
            if (bucket.isPresent()) {
                Ae ae = r.regimeAe().of(p.before());
                sb.append(String.format(Locale.ROOT, "  bucket %s A %.3f E %.3f", name(bucket.get()), ae.a(),
                        ae.e()));
            }
            EngineOutput e = p.engine();
            if (e != null && !e.dormant()) {
                sb.append(String.format(Locale.ROOT, "  state %s%s price %s", e.state(),
                        e.transitioned() ? " (from " + (e.prevState() == null ? "none" : e.prevState()) + ")" : "",
                        num(e.price())));
                EngineOutput.Scores s = e.scores();
                sb.append(String.format(Locale.ROOT, " ts %.2f ox %.2f dx %.2f edx %.2f", s.ts(), s.ox(), s.dx(),
                        s.edx()));
            }
            if (p.note() != null) {
                sb.append("  ").append(p.note());
            } else if (p.outcome() == PositionReport.Outcome.PLANNED && p.decision() == null) {
                sb.append("  hold");
            }
            sb.append(System.lineSeparator());
            if (p.decision() != null) {
                ExecutionResult x = p.execution();
                sb.append(String.format(Locale.ROOT, "    decision %s size_frac %s%s leverage %d -> %s",
                        p.decision().type().label(), p.decision().sizeFrac().stripTrailingZeros().toPlainString(),
                        p.decision().notionalUsd() == null ? ""
                                : " ($" + p.decision().notionalUsd().setScale(2, java.math.RoundingMode.HALF_EVEN)
                                        .toPlainString() + ")",
                        p.decision().leverage(), x == null ? "not executed" : x.status().name().toLowerCase(Locale.ROOT)
                                + (x.filledAnything() ? " " + x.filledSize().stripTrailingZeros().toPlainString()
                                        + " @ " + x.avgPrice().stripTrailingZeros().toPlainString() : "")
                                + (x.reason() != null ? " (" + x.reason() + ")" : "")
                                + (x.dryRun() ? " [dry run]" : "")));
                sb.append(System.lineSeparator());
            }
            if (!p.reasons().isEmpty() && (verbose || p.decision() != null)) {
                sb.append("    why: ").append(String.join("; ", p.reasons())).append(System.lineSeparator());
            }
            if (verbose && e != null) {
                for (Gate g : e.gates()) {
                    sb.append(String.format(Locale.ROOT, "    gate %-22s %s value %s%s%n", g.name(),
                            g.passed() ? "pass" : "FAIL", num(g.value()),
                            Double.isNaN(g.limit()) ? "" : " limit " + num(g.limit())));
                }
            }
        }
        TickReport.Timings t = r.timings();
        sb.append(String.format(Locale.ROOT,
                "%d position(s): routed %s, %d without a module, %d dormant, %d failed, %d decision(s); "
                        + "%.1f ms (read %.1f, engine %.1f, plan %.1f, execute %.1f, write %.1f ms summed over "
                        + "workers)%n",
                r.positions().size(), r.routed(), r.unrouted(), r.dormant(), r.failed(), r.decisions(),
                t.totalNs() / 1e6, t.readNs() / 1e6, t.engineNs() / 1e6, t.planNs() / 1e6, t.executeNs() / 1e6,
                t.writeNs() / 1e6));
        return sb.toString();
    }

    /**
     * The headline A/E (the shared drivers'), each bucket's, with {@code verbose} one line per driver and horizon
     * (state, the flags that counted, weight W_driver × W_horizon × M, (ΔA, ΔE) and their weighted part of A and E),
     * and the dormant drivers.
     */
    private static void regime(StringBuilder sb, RegimeAe regime, boolean verbose) {
        Ae shared = regime.shared();
        sb.append(String.format(Locale.ROOT, "regime: A %.3f, E %.3f%s", shared.a(), shared.e(),
                shared.breakdown().isEmpty() ? " (neutral: no regime driver had data, or the regime update failed)"
                        : ""));
        for (Map.Entry<MarketCapBucket, Ae> b : new TreeMap<>(regime.byBucket()).entrySet()) {
            sb.append(String.format(Locale.ROOT, "; bucket %s A %.3f, E %.3f", name(b.getKey()), b.getValue().a(),
                    b.getValue().e()));
        }
        sb.append(System.lineSeparator());
        if (verbose) {
            sb.append(String.format(Locale.ROOT, "  %-13s %-3s %-5s %-22s %7s %6s %6s %8s %8s%n", "driver", "hz",
                    "state", "flags", "weight", "dA", "dE", "A part", "E part"));
            shared.breakdown().forEach(c -> contribution(sb, driverName(c.driver()), c));
            new TreeMap<>(regime.byBucket()).forEach((b, ae) -> ae.breakdown().stream()
                    .filter(c -> c.driver() == RegimeDriver.BUCKET).forEach(c -> contribution(sb, b.driver(), c)));
        }
        // Said with or without --verbose: a driver still short of history moves nothing, and A/E looks calmer.
        List<String> dormant = new ArrayList<>();
        for (Timeframe h : Regime.HORIZONS) {
            for (RegimeDriver d : RegimeDriver.values()) {
                dormant(dormant, driverName(d), h, regime.regime().output(d, h));
            }
            for (MarketCapBucket b : MarketCapBucket.values()) {
                dormant(dormant, b.driver(), h, regime.regime().buckets().getOrDefault(b, Map.of()).get(h));
            }
        }
        if (!dormant.isEmpty()) {
            sb.append("  dormant (contribute 0): ").append(String.join(", ", dormant)).append(System.lineSeparator());
        }
    }

    private static void contribution(StringBuilder sb, String driver, Ae.Contribution c) {
        sb.append(String.format(Locale.ROOT, "  %-13s %-3s %-5s %-22s %+7.4f %+6.2f %+6.2f %+8.4f %+8.4f%n", driver,
                c.horizon().label(), c.state(), c.flags().isEmpty() ? "-" : String.join(",", c.flags()), c.weight(),
                c.deltaA(), c.deltaE(), c.weightedA(), c.weightedE()));
    }

    private static void dormant(List<String> out, String driver, Timeframe h, EngineOutput o) {
        if (o != null && o.dormant()) {
            out.add(driver + " " + h.label() + " (" + o.bars() + " of 333 bars)");
        }
    }

    private static String driverName(RegimeDriver d) {
        return switch (d) {
            case BTC -> "BTC";
            case ALT -> "ALT";
            case BUCKET -> "bucket";
            case BTC_D -> "btc.d";
            case USDT_D -> "usdt.d";
        };
    }

    private static String name(MarketCapBucket b) {
        return b.name().toLowerCase(Locale.ROOT);
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
