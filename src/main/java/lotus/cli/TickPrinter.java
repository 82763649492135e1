package lotus.cli;

import java.util.Locale;
import lotus.engine.EngineOutput;
import lotus.engine.Gate;
import lotus.pm.ExecutionResult;
import lotus.pm.PositionReport;
import lotus.pm.TickReport;

/** Renders a tick for an operator: one block per position, then the counts and where the time went. */
final class TickPrinter {

    private TickPrinter() {
    }

    static String render(TickReport r, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "regime: A %.3f, E %.3f%s%n", r.ae().a(), r.ae().e(),
                r.ae().breakdown().isEmpty() ? " (neutral: no regime driver had data, or the regime update failed)"
                        : ""));
        for (PositionReport p : r.positions()) {
            sb.append(String.format(Locale.ROOT, "%-28s -> %-18s %s", p.before().label(),
                    p.module() == null ? "(no module)" : p.module(), p.outcome().name().toLowerCase(Locale.ROOT)));
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

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
