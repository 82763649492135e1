package lotus.web;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicBoolean;
import lotus.store.Database;
import lotus.time.Clock;

/**
 * What {@code /metrics} serves, in Prometheus's text format: the JVM's and the process's meters, each book's trading
 * state, equity and PnL read from the database at every scrape ({@link BookGauges}), and whatever the process around
 * the server binds to {@link #registry()} (the ingest's counters, the ticks, the risk gate, the alerts). In
 * {@code lotus serve} only the database's figures and the JVM's exist: nothing there ingests or trades.
 */
public final class Metrics implements AutoCloseable {

    /** Prometheus's text exposition format, version 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final BookGauges books;
    private final JvmGcMetrics gc;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Metrics(PrometheusMeterRegistry registry, BookGauges books, JvmGcMetrics gc) {
        this.registry = registry;
        this.books = books;
        this.gc = gc;
    }

    /**
     * A registry with the JVM's and process's meters and the books' gauges on {@code db}.
     *
     * @param walletUsd {@code pm.wallet_usd}: each book's equity is this plus its PnL
     */
    public static Metrics start(Database db, Clock clock, BigDecimal walletUsd) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // ProcessorMetrics' CPU time is a counter of nanoseconds (process_cpu_time_ns_total), which Prometheus's
        // conventions and promtool's lint refuse; process_cpu_usage stays.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        // A gauge named ..._count reads as a histogram's count to Prometheus (promtool refuses it): system_cpus.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return new Metrics(registry, new BookGauges(db, clock, walletUsd, registry), gc);
    }

    /** Where the process binds its own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The text a scrape gets, with the books' gauges read from the database first. */
    public String scrape() {
        books.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return; // the server closes what it was handed, and the process that made it may too
        }
        gc.close();
        registry.close();
    }
}
