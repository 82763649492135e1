-- SQLite: the same table and columns as db/migration/postgresql/V8__regime_bars.sql, decimals as TEXT and times as
-- INTEGER milliseconds since the epoch (UTC).
-- Regime drivers (STRATEGY.md §3, issue 14): the market-cap bucket indices (bucket.nano, bucket.small, bucket.mid,
-- bucket.big) and the dominance percentages (btc.d, usdt.d), each as bars keyed by driver, timeframe and open time.
-- The values are an index or a percentage, not USD, hence open/high/low/close without a unit. volume is the members'
-- summed USD volume for a bucket and 0 for dominance (it has none); members is how many tokens a bucket bar was built
-- from, NULL for dominance. source says where a bar came from (lowcap, coingecko, import, ...).
CREATE TABLE regime_price_data_ohlc (
  driver TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  open TEXT NOT NULL,
  high TEXT NOT NULL,
  low TEXT NOT NULL,
  close TEXT NOT NULL,
  volume TEXT NOT NULL,
  members INTEGER,
  source TEXT NOT NULL,
  PRIMARY KEY (driver, timeframe, timestamp)
);
