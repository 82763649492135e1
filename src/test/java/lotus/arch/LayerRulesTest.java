package lotus.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of ARCHITECTURE.md, so a change that breaks one fails the build: dependencies point one way (no
 * cycle between packages), the domain ({@code engine}, {@code pm}, {@code learning}) owns its ports and imports no
 * adapter, the engine is pure, the simulator stays out of production code and nothing uses {@code cli}. One
 * difference from the document's table: {@code store} also uses {@code engine}, since the engine's output is part of
 * the position state it stores. Only {@code cli} uses {@code bench}.
 */
class LayerRulesTest {

    private static JavaClasses classes;

    /** What each production package may use among Lotus's own packages. */
    private static final Map<String, Set<String>> MAY_USE = new LinkedHashMap<>();

    static {
        MAY_USE.put("time", Set.of());
        // The alert port and its webhook: raised by risk's trips, the ingest's stalls and app's wiring; it depends on
        // nothing but the clock.
        MAY_USE.put("alert", Set.of("time"));
        MAY_USE.put("market", Set.of("time"));
        MAY_USE.put("engine", Set.of("market", "time"));
        MAY_USE.put("store", Set.of("pm", "learning", "engine", "market", "time"));
        MAY_USE.put("hyperliquid", Set.of("market", "time"));
        MAY_USE.put("solana", Set.of("market", "time"));
        MAY_USE.put("coingecko", Set.of("market", "time"));
        MAY_USE.put("learning", Set.of("market", "time"));
        MAY_USE.put("risk", Set.of("pm", "store", "market", "time", "alert"));
        MAY_USE.put("exec", Set.of("pm", "risk", "hyperliquid", "solana", "store", "market", "time"));
        MAY_USE.put("pm", Set.of("engine", "learning", "market", "time"));
        MAY_USE.put("ingest", Set.of("hyperliquid", "solana", "coingecko", "store", "market", "time", "alert"));
        MAY_USE.put("sim", Set.of("hyperliquid", "solana", "coingecko", "market", "time"));
        // The operator's server reads the store and drives risk's halt and resume; it shows the engine's states of
        // positions and regime drivers, lessons and bars as they are. app starts it, so it may not use app.
        MAY_USE.put("web", Set.of("pm", "risk", "store", "engine", "learning", "market", "time"));
        // sim only in app.demo (the demos compose the simulator with the application; see the rule on sim below).
        MAY_USE.put("app", Set.of("engine", "pm", "risk", "exec", "learning", "ingest", "hyperliquid", "solana",
                "coingecko", "store", "market", "time", "sim", "web", "alert"));
        // The benchmarks drive the application on the simulator: what app uses, app itself and sim.
        MAY_USE.put("bench", Set.of("app", "sim", "engine", "pm", "risk", "exec", "learning", "ingest", "hyperliquid",
                "solana", "coingecko", "store", "market", "time", "alert"));
    }

    private static final List<String> ALL = List.of("time", "alert", "market", "engine", "store", "hyperliquid",
            "solana", "coingecko", "learning", "risk", "exec", "pm", "ingest", "sim", "web", "app", "bench", "cli");

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lotus");
    }

    @Test
    void eachPackageUsesOnlyWhatItMay() {
        for (Map.Entry<String, Set<String>> e : MAY_USE.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : ALL) {
                if (!other.equals(e.getKey()) && !e.getValue().contains(other)) {
                    forbidden.add("lotus." + other + "..");
                }
            }
            noClasses().that().resideInAPackage("lotus." + e.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because(e.getKey() + " may use only " + e.getValue())
                    .check(classes);
        }
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("lotus.(*)..").should().beFreeOfCycles().check(classes);
        // Inside the venue's protocol too: common (assets, wire, candles) at the bottom, the clients above it.
        slices().matching("lotus.hyperliquid.(*)..").should().beFreeOfCycles().check(classes);
        noClasses().that().resideInAPackage("lotus.hyperliquid.common..").should().dependOnClassesThat()
                .resideInAnyPackage("lotus.hyperliquid.info..", "lotus.hyperliquid.ws..",
                        "lotus.hyperliquid.exchange..")
                .because("common is what the clients share, not a client").check(classes);
    }

    @Test
    void theEngineIsPureAndNothingUsesTheCommandLine() {
        noClasses().that().resideInAPackage("lotus.engine..").should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "java.net..", "java.nio.file..", "java.io..", "org.slf4j..",
                        "com.fasterxml..")
                .because("the engine takes bars and returns states: no I/O, no logging, no JSON").check(classes);
        noClasses().that().resideOutsideOfPackage("lotus.cli..").should().dependOnClassesThat()
                .resideInAPackage("lotus.cli..").check(classes);
        noClasses().that().resideOutsideOfPackages("lotus.cli..", "lotus.bench..").should().dependOnClassesThat()
                .resideInAPackage("lotus.bench..").because("the benchmarks are run from the command line only")
                .check(classes);
        noClasses().that().resideOutsideOfPackages("lotus.cli..", "lotus.bench..", "lotus.app.demo..", "lotus.sim..")
                .should().dependOnClassesThat().resideInAPackage("lotus.sim..")
                .because("production code never runs on the simulator; the demos and benchmarks do")
                .check(classes);
    }
}
