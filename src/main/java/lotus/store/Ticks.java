package lotus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import lotus.market.Side;
import lotus.market.Trade;

/** The majors' raw trades ({@code majors_trades_ticks}); a trade seen twice is stored once (coin, tid). */
public final class Ticks {

    private final Database db;

    public Ticks(Database db) {
        this.db = db;
    }

    /** Stores the trades, skipping any (coin, tid) already held; one transaction. */
    public void insert(List<Trade> trades) {
        if (trades.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO majors_trades_ticks (coin, tid, time, px, sz, side) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (coin, tid) DO NOTHING";
        Dialect d = db.dialect();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Batches.execute(ps, trades, (st, t) -> {
                    st.setString(1, t.coin());
                    st.setLong(2, t.tid());
                    d.setTime(st, 3, t.timeMs());
                    d.setDecimal(st, 4, t.px());
                    d.setDecimal(st, 5, t.sz());
                    st.setString(6, t.side().code());
                });
            }
            return null;
        });
    }

    /** Trades of {@code coin} with time in {@code [fromMs, toMs)}, by time then tid. */
    public List<Trade> between(String coin, long fromMs, long toMs) {
        String sql = "SELECT coin, tid, time, px, sz, side FROM majors_trades_ticks"
                + " WHERE coin = ? AND time >= ? AND time < ? ORDER BY time, tid";
        Dialect d = db.dialect();
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, coin);
                d.setTime(ps, 2, fromMs);
                d.setTime(ps, 3, toMs);
                List<Trade> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Trade(rs.getString("coin"), rs.getLong("tid"), d.getTime(rs, "time"),
                                d.getDecimal(rs, "px"), d.getDecimal(rs, "sz"), Side.parse(rs.getString("side"))));
                    }
                }
                return out;
            }
        });
    }
}
