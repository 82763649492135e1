package lotus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import lotus.time.Timeframe;

/**
 * How fresh each bar table is, per timeframe: its newest bar and how many tokens have bars. What the database alone
 * can say of the ingest's health, for a process that looks at a database without ingesting ({@code lotus serve}).
 */
public final class BarFreshness {

    /** One table on one timeframe: its newest bar's open time and the tokens with at least one bar. */
    public record Newest(PriceTable table, Timeframe timeframe, long newestOpenMs, int tokens) {
    }

    private final Database db;

    public BarFreshness(Database db) {
        this.db = db;
    }

    /** Every table and timeframe with bars, by table then shortest timeframe. */
    public List<Newest> newest() {
        Dialect d = db.dialect();
        List<Newest> out = new ArrayList<>();
        for (PriceTable table : PriceTable.values()) {
            db.withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT timeframe, MAX(timestamp) AS newest,"
                        + " COUNT(DISTINCT token_contract) AS tokens FROM " + table.tableName()
                        + " GROUP BY timeframe")) {
                    List<Newest> rows = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Newest(table, Timeframe.parse(rs.getString("timeframe")),
                                    d.getTime(rs, "newest"), rs.getInt("tokens")));
                        }
                    }
                    rows.sort(java.util.Comparator.comparing(Newest::timeframe));
                    out.addAll(rows);
                    return null;
                }
            });
        }
        return out;
    }
}
