package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's table exactly on PostgreSQL, and the same tables and columns on both databases. */
class SchemaTest {

    @TempDir
    Path tempDir;

    Database pg;
    Database sqlite;

    @BeforeEach
    void open() {
        pg = TestDatabases.open(TestDatabases.Kind.POSTGRESQL, tempDir);
        sqlite = TestDatabases.open(TestDatabases.Kind.SQLITE, tempDir);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(pg);
        TestDatabases.dispose(sqlite);
    }

    /** name, data type, nullable, default: as information_schema shows the seed's DDL. */
    private record PgColumn(String name, String type, boolean nullable, String defaultValue) {
    }

    @Test
    void hyperliquidTableMatchesTheSeedDdlOnPostgres() {
        List<PgColumn> expected = List.of(
                new PgColumn("token_contract", "text", false, null),
                new PgColumn("chain", "text", false, "'hyperliquid'::text"),
                new PgColumn("timeframe", "text", false, null),
                new PgColumn("timestamp", "timestamp with time zone", false, null),
                new PgColumn("open_usd", "numeric", false, null),
                new PgColumn("high_usd", "numeric", false, null),
                new PgColumn("low_usd", "numeric", false, null),
                new PgColumn("close_usd", "numeric", false, null),
                new PgColumn("volume", "numeric", false, null),
                new PgColumn("source", "text", true, "'hyperliquid'::text"));
        assertThat(pgColumns("hyperliquid_price_data_ohlc")).containsExactlyElementsOf(expected);
        assertThat(pgPrimaryKey("hyperliquid_price_data_ohlc"))
                .containsExactly("token_contract", "chain", "timeframe", "timestamp");
        // The other bar tables have the same shape; lowcap adds the collector's columns after the seed's (V5).
        for (String table : List.of("majors_price_data_ohlc", "lowcap_price_data_ohlc")) {
            assertThat(pgColumns(table).subList(0, expected.size()))
                    .extracting(PgColumn::name, PgColumn::type, PgColumn::nullable)
                    .containsExactlyElementsOf(expected.stream()
                            .map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.type(), c.nullable())).toList());
            assertThat(pgPrimaryKey(table)).containsExactly("token_contract", "chain", "timeframe", "timestamp");
        }
        assertThat(pgColumns("majors_price_data_ohlc")).hasSize(expected.size());
    }

    @Test
    void lowcapBarsCarryNativePricesMarketFiguresAndCoverage() {
        List<PgColumn> added = pgColumns("lowcap_price_data_ohlc").subList(10, 23);
        assertThat(added).containsExactly(
                new PgColumn("open_native", "numeric", false, "0"),
                new PgColumn("high_native", "numeric", false, "0"),
                new PgColumn("low_native", "numeric", false, "0"),
                new PgColumn("close_native", "numeric", false, "0"),
                new PgColumn("liquidity_usd", "numeric", true, null),
                new PgColumn("fdv", "numeric", true, null),
                new PgColumn("market_cap", "numeric", true, null),
                new PgColumn("dex_id", "text", true, null),
                new PgColumn("pair_address", "text", true, null),
                new PgColumn("bars_used", "bigint", true, null),
                new PgColumn("expected_bars", "bigint", true, null),
                new PgColumn("coverage_pct", "numeric", true, null),
                new PgColumn("partial", "boolean", false, "false"));
        assertThat(pgPrimaryKey("lowcap_price_data_1m")).containsExactly("token_contract", "chain", "timestamp");
        assertThat(pgColumns("lowcap_price_data_1m")).filteredOn(c -> !c.nullable()).extracting(PgColumn::name)
                .containsExactly("token_contract", "chain", "timestamp", "price_usd", "source");
    }

    @Test
    void regimeBarsAreKeyedByDriverTimeframeAndOpenTimeWithExactValues() {
        assertThat(pgColumns("regime_price_data_ohlc")).containsExactly(
                new PgColumn("driver", "text", false, null),
                new PgColumn("timeframe", "text", false, null),
                new PgColumn("timestamp", "timestamp with time zone", false, null),
                new PgColumn("open", "numeric", false, null),
                new PgColumn("high", "numeric", false, null),
                new PgColumn("low", "numeric", false, null),
                new PgColumn("close", "numeric", false, null),
                new PgColumn("volume", "numeric", false, null),
                new PgColumn("members", "bigint", true, null),
                new PgColumn("source", "text", false, null));
        assertThat(pgPrimaryKey("regime_price_data_ohlc")).containsExactly("driver", "timeframe", "timestamp");
    }

    @Test
    void bucketMembersAreKeyedByDayChainAndToken() {
        assertThat(pgColumns("regime_bucket_members")).containsExactly(
                new PgColumn("day", "timestamp with time zone", false, null),
                new PgColumn("token_chain", "text", false, null),
                new PgColumn("token_contract", "text", false, null),
                new PgColumn("bucket", "text", false, null),
                new PgColumn("first_minute", "timestamp with time zone", false, null));
        assertThat(pgPrimaryKey("regime_bucket_members")).containsExactly("day", "token_chain", "token_contract");
    }

    @Test
    void bookEquityIsKeyedByBookAndTimeWithExactMoney() {
        assertThat(pgColumns("book_equity")).containsExactly(
                new PgColumn("book", "text", false, null),
                new PgColumn("timestamp", "timestamp with time zone", false, null),
                new PgColumn("equity_usd", "numeric", false, null),
                new PgColumn("pnl_today_usd", "numeric", false, null),
                new PgColumn("realised_usd", "numeric", false, null),
                new PgColumn("exposure_usd", "numeric", false, null));
        assertThat(pgPrimaryKey("book_equity")).containsExactly("book", "timestamp");
    }

    @Test
    void positionsRewrittenEveryTickHaveHalfFullPagesAndLz4FeaturesOnPostgres() {
        // V13: updates find room on their page (no index entries), and lz4 compresses in a fraction of pglz's time;
        // a server built without lz4 keeps its default compression, as the migration says.
        boolean lz4 = pg.withConnection(c -> {
            try (var st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE lz4_probe (x text COMPRESSION lz4)");
                return true;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
        List<String> storage = pg.withConnection(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT CASE a.attcompression WHEN 'l' THEN"
                    + " 'lz4' WHEN 'p' THEN 'pglz' ELSE 'default' END, array_to_string(r.reloptions, ',')"
                    + " FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid"
                    + " WHERE a.attrelid = 'lowcap_positions'::regclass AND a.attname = 'features'")) {
                rs.next();
                return List.of(rs.getString(1), rs.getString(2));
            }
        });
        assertThat(storage).containsExactly(lz4 ? "lz4" : "default", "fillfactor=50");
    }

    @Test
    void sqliteAndPostgresHaveTheSameTablesColumnsAndKeys() {
        Map<String, List<String>> pgShape = new TreeMap<>();
        Map<String, List<String>> sqliteShape = new TreeMap<>();
        for (String table : pgTables()) {
            List<String> cols = new ArrayList<>();
            for (PgColumn c : pgColumns(table)) {
                cols.add(c.name() + " " + portable(c.type()) + (c.nullable() ? "" : " not null"));
            }
            cols.add("pk " + pgPrimaryKey(table));
            pgShape.put(table, cols);
        }
        sqlite.withConnection(c -> {
            for (String table : sqliteTables(c)) {
                List<String> cols = new ArrayList<>();
                Map<Integer, String> pk = new TreeMap<>();
                try (var st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
                    while (rs.next()) {
                        String name = rs.getString("name");
                        int pkIndex = rs.getInt("pk");
                        // An INTEGER PRIMARY KEY is never null in SQLite even though PRAGMA says nullable.
                        boolean notNull = rs.getInt("notnull") == 1 || pkIndex > 0;
                        cols.add(name + " " + rs.getString("type").toLowerCase() + (notNull ? " not null" : ""));
                        if (pkIndex > 0) {
                            pk.put(pkIndex, name);
                        }
                    }
                }
                cols.add("pk " + new ArrayList<>(pk.values()));
                sqliteShape.put(table, cols);
            }
            return null;
        });
        assertThat(sqliteShape.keySet()).containsExactlyInAnyOrder("hyperliquid_price_data_ohlc",
                "majors_price_data_ohlc", "lowcap_price_data_ohlc", "majors_trades_ticks", "lowcap_positions",
                "ad_strands", "order_journal", "learning_lessons", "learning_timeframes", "learning_cursor",
                "trading_states", "risk_equity_peaks", "lowcap_price_data_1m", "swap_attempts",
                "regime_price_data_ohlc", "regime_bucket_members", "book_equity");
        assertThat(sqliteShape).isEqualTo(pgShape);
    }

    /** The SQLite type each PostgreSQL type is stored as (ARCHITECTURE.md, Storage). */
    private static String portable(String pgType) {
        return switch (pgType) {
            case "text", "numeric", "jsonb" -> "text";
            case "timestamp with time zone", "bigint", "boolean" -> "integer";
            default -> throw new AssertionError("no SQLite mapping for PostgreSQL type " + pgType);
        };
    }

    private List<String> pgTables() {
        return pg.withConnection(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name <> 'flyway_schema_history'")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private static List<String> sqliteTables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE"
                + " type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<PgColumn> pgColumns(String table) {
        return pg.withConnection(c -> {
            List<PgColumn> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_nullable, column_default"
                    + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                    + " ORDER BY ordinal_position")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String def = rs.getString("column_default");
                        // Serial defaults name the schema's sequence: irrelevant to the shape.
                        if (def != null && def.startsWith("nextval(")) {
                            def = "nextval";
                        }
                        out.add(new PgColumn(rs.getString("column_name"), rs.getString("data_type"),
                                "YES".equals(rs.getString("is_nullable")), def));
                    }
                }
            }
            return out;
        });
    }

    private List<String> pgPrimaryKey(String table) {
        return pg.withConnection(c -> {
            Map<Integer, String> cols = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT k.column_name, k.ordinal_position"
                    + " FROM information_schema.table_constraints t JOIN information_schema.key_column_usage k"
                    + " ON t.constraint_name = k.constraint_name AND t.table_schema = k.table_schema"
                    + " WHERE t.table_schema = current_schema() AND t.table_name = ? AND t.constraint_type = 'PRIMARY KEY'"
                    + " ORDER BY k.ordinal_position")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cols.put(rs.getInt(2), rs.getString(1));
                    }
                }
            }
            return new ArrayList<>(cols.values());
        });
    }
}
