package lotus.store;

import java.sql.PreparedStatement;
import java.util.List;
import lotus.market.Bar;

/** Writes bars: batched, idempotent upserts on each table's natural key. */
public final class PriceBars {

    private final Database db;

    public PriceBars(Database db) {
        this.db = db;
    }

    /**
     * Inserts or replaces each bar (same token, chain, timeframe and open time → one row holding the latest values).
     * All bars go in one transaction.
     *
     * @param source written into the {@code source} column ({@code hyperliquid}, {@code dexscreener}, ...)
     * @return the number of bars written
     */
    public int upsert(PriceTable table, String source, List<Bar> bars) {
        if (bars.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO " + table.tableName()
                + " (token_contract, chain, timeframe, timestamp, open_usd, high_usd, low_usd, close_usd, volume, source)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (token_contract, chain, timeframe, timestamp) DO UPDATE SET"
                + " open_usd = excluded.open_usd, high_usd = excluded.high_usd, low_usd = excluded.low_usd,"
                + " close_usd = excluded.close_usd, volume = excluded.volume, source = excluded.source";
        Dialect d = db.dialect();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Batches.execute(ps, bars, (st, bar) -> {
                    st.setString(1, bar.tokenContract());
                    st.setString(2, bar.chain());
                    st.setString(3, bar.timeframe().label());
                    d.setTime(st, 4, bar.openTimeMs());
                    d.setDecimal(st, 5, bar.open());
                    d.setDecimal(st, 6, bar.high());
                    d.setDecimal(st, 7, bar.low());
                    d.setDecimal(st, 8, bar.close());
                    d.setDecimal(st, 9, bar.volume());
                    st.setString(10, source);
                });
            }
            return bars.size();
        });
    }
}
