package lotus.web;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import lotus.risk.RiskLimits;
import lotus.store.Database;
import lotus.time.Clock;

/**
 * What the API reads: the database (every read goes to it, so {@code lotus serve} shows what a trading process on the
 * same database writes), the process's clock and mode, what the books size against, the limits, and the ingest's
 * own status line when this process ingests.
 *
 * @param walletUsd  {@code pm.wallet_usd}: each book's equity is this plus its PnL
 * @param ingestLine   the running ingest's status line; empty where the process does not ingest ({@code lotus serve})
 * @param ingestHealth the running ingest's per-stream counters, lag and REST weight; empty where it does not ingest
 */
public record ApiSources(Database db, Clock clock, Mode mode, BigDecimal walletUsd, RiskLimits limits,
        Optional<Supplier<String>> ingestLine, Optional<Supplier<IngestHealth>> ingestHealth) {

    /** What the process around the server does with orders. */
    public enum Mode {
        DRY_RUN, LIVE, SERVE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ApiSources {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(walletUsd, "walletUsd");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(ingestLine, "ingestLine");
        Objects.requireNonNull(ingestHealth, "ingestHealth");
    }

    /** Sources with the ingest's status line only (no per-stream counters). */
    public ApiSources(Database db, Clock clock, Mode mode, BigDecimal walletUsd, RiskLimits limits,
            Optional<Supplier<String>> ingestLine) {
        this(db, clock, mode, walletUsd, limits, ingestLine, Optional.empty());
    }
}
