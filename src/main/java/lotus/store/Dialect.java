package lotus.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * How each database holds our three awkward types. PostgreSQL has them natively ({@code NUMERIC},
 * {@code TIMESTAMPTZ}, {@code JSONB}). SQLite would turn a {@code NUMERIC} string into a double, so there decimals
 * are {@code TEXT}, times are {@code INTEGER} milliseconds (UTC) and JSON is {@code TEXT} (ARCHITECTURE.md, Storage).
 */
public enum Dialect {
    POSTGRESQL("postgresql"),
    SQLITE("sqlite");

    static final ObjectMapper JSON = new ObjectMapper();

    private final String migrationDir;

    Dialect(String migrationDir) {
        this.migrationDir = migrationDir;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        throw new IllegalArgumentException("unsupported database URL '" + JdbcUrls.redact(jdbcUrl)
                + "'; accepted: jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DB");
    }

    String migrationLocation() {
        return "classpath:db/migration/" + migrationDir;
    }

    public void setDecimal(PreparedStatement ps, int i, BigDecimal value) throws SQLException {
        if (value == null) {
            ps.setNull(i, this == POSTGRESQL ? Types.NUMERIC : Types.VARCHAR);
        } else if (this == POSTGRESQL) {
            ps.setBigDecimal(i, value);
        } else {
            ps.setString(i, value.toPlainString());
        }
    }

    public BigDecimal getDecimal(ResultSet rs, String column) throws SQLException {
        if (this == POSTGRESQL) {
            return rs.getBigDecimal(column);
        }
        String text = rs.getString(column);
        return text == null ? null : new BigDecimal(text);
    }

    /** Years 1 to 9999: open-ended ranges (Long.MIN_VALUE, Long.MAX_VALUE) clamp to what a TIMESTAMPTZ can hold. */
    private static final long MIN_TIME_MS = -62_135_596_800_000L;
    private static final long MAX_TIME_MS = 253_402_300_799_999L;

    public void setTime(PreparedStatement ps, int i, long epochMs) throws SQLException {
        if (this == POSTGRESQL) {
            long ms = Math.max(MIN_TIME_MS, Math.min(MAX_TIME_MS, epochMs));
            ps.setObject(i, OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC));
        } else {
            ps.setLong(i, epochMs);
        }
    }

    public long getTime(ResultSet rs, String column) throws SQLException {
        if (this == POSTGRESQL) {
            return rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
        }
        return rs.getLong(column);
    }

    void setJson(PreparedStatement ps, int i, JsonNode value) throws SQLException {
        if (value == null) {
            ps.setNull(i, this == POSTGRESQL ? Types.OTHER : Types.VARCHAR);
            return;
        }
        setJsonText(ps, i, jsonText(value));
    }

    /** {@code value} as the JSON text {@link #setJson} sends. */
    static String jsonText(JsonNode value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }

    /** Binds JSON already written as text ({@link #jsonText}). */
    void setJsonText(PreparedStatement ps, int i, String text) throws SQLException {
        if (this == POSTGRESQL) {
            ps.setObject(i, text, Types.OTHER);
        } else {
            ps.setString(i, text);
        }
    }

    JsonNode getJson(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException("column " + column + " holds invalid JSON", e);
        }
    }

    void setNullableLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    boolean isUniqueViolation(SQLException e) {
        if (this == POSTGRESQL) {
            return "23505".equals(e.getSQLState());
        }
        // SQLITE_CONSTRAINT (19) covers several constraints; the message names the unique one.
        String message = e.getMessage();
        return e.getErrorCode() == 19 && message != null && (message.contains("UNIQUE") || message.contains("PRIMARY KEY"));
    }
}
