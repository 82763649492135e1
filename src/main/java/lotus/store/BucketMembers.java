package lotus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lotus.market.MarketCapBucket;
import lotus.time.Timeframe;

/**
 * Each UTC day's market-cap bucket of each token, in {@code regime_bucket_members}: written by the bucket collector as
 * it decides them, read by the PM to give a token its bucket's driver. The day's first decision stands: a second
 * write of the same token and day is ignored, so a restarted collector cannot move a token within a day.
 */
public final class BucketMembers {

    static final String TABLE = "regime_bucket_members";

    /**
     * One token's bucket on one day.
     *
     * @param firstMinuteMs the open of the first 1m index bar that counted the token that day (a newcomer joins
     *                      mid-day)
     */
    public record Member(long dayMs, String tokenChain, String tokenContract, MarketCapBucket bucket,
            long firstMinuteMs) {

        public Member {
            if (Timeframe.D1.floor(dayMs) != dayMs) {
                throw new IllegalArgumentException("not the start of a UTC day: " + dayMs);
            }
            if (Timeframe.D1.floor(firstMinuteMs) != dayMs) {
                throw new IllegalArgumentException("first minute " + firstMinuteMs + " is not in day " + dayMs);
            }
        }

        /** A member from the day's first minute. */
        public Member(long dayMs, String tokenChain, String tokenContract, MarketCapBucket bucket) {
            this(dayMs, tokenChain, tokenContract, bucket, dayMs);
        }

        /** Whether a tick reading bars opening before {@code beforeMs} sees the token in its bucket. */
        public boolean seenBefore(long beforeMs) {
            return firstMinuteMs < beforeMs;
        }
    }

    private final Database db;

    public BucketMembers(Database db) {
        this.db = db;
    }

    /** Records each member unless its token already has a bucket that day; returns how many were new. */
    public int record(List<Member> members) {
        if (members.isEmpty()) {
            return 0;
        }
        String sql = "INSERT INTO " + TABLE + " (day, token_chain, token_contract, bucket, first_minute)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, token_chain, token_contract) DO NOTHING";
        Dialect d = db.dialect();
        return db.inTransaction(c -> {
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Member m : members) {
                    d.setTime(ps, 1, m.dayMs());
                    ps.setString(2, m.tokenChain());
                    ps.setString(3, m.tokenContract());
                    ps.setString(4, m.bucket().name());
                    d.setTime(ps, 5, m.firstMinuteMs());
                    added += ps.executeUpdate();
                }
            }
            return added;
        });
    }

    /** The buckets of {@code tokenChain}'s tokens on the UTC day starting at {@code dayMs}, by token contract. */
    public Map<String, MarketCapBucket> on(String tokenChain, long dayMs) {
        return on(tokenChain, dayMs, Long.MAX_VALUE);
    }

    /** The same, of the tokens counted in a 1m index bar opening before {@code beforeMs}: what a tick then sees. */
    public Map<String, MarketCapBucket> on(String tokenChain, long dayMs, long beforeMs) {
        String sql = "SELECT token_contract, bucket FROM " + TABLE
                + " WHERE day = ? AND token_chain = ? AND first_minute < ?";
        return db.withConnection(c -> {
            Map<String, MarketCapBucket> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                db.dialect().setTime(ps, 1, dayMs);
                ps.setString(2, tokenChain);
                db.dialect().setTime(ps, 3, beforeMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString("token_contract"), MarketCapBucket.valueOf(rs.getString("bucket")));
                    }
                }
            }
            return out;
        });
    }

    /** Every member with a day in {@code [fromMs, toMs)}, for a backtest to hold in memory. */
    public List<Member> between(String tokenChain, long fromMs, long toMs) {
        String sql = "SELECT day, token_contract, bucket, first_minute FROM " + TABLE
                + " WHERE token_chain = ? AND day >= ? AND day < ? ORDER BY day, token_contract";
        return db.withConnection(c -> {
            List<Member> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, tokenChain);
                db.dialect().setTime(ps, 2, fromMs);
                db.dialect().setTime(ps, 3, toMs);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Member(db.dialect().getTime(rs, "day"), tokenChain,
                                rs.getString("token_contract"), MarketCapBucket.valueOf(rs.getString("bucket")),
                                db.dialect().getTime(rs, "first_minute")));
                    }
                }
            }
            return out;
        });
    }
}
