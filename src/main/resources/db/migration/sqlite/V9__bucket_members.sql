-- SQLite: the same table and columns as db/migration/postgresql/V9__bucket_members.sql, times as INTEGER
-- milliseconds since the epoch (UTC).
-- Who is in which market-cap bucket each UTC day (issue 14): the bucket collector decides it once per token and day
-- and writes it here, so the PM gives a token the bucket driver of the bucket its index counted it in. A row is never
-- changed once written: the day's decision stands.
CREATE TABLE regime_bucket_members (
  day INTEGER NOT NULL,
  token_chain TEXT NOT NULL,
  token_contract TEXT NOT NULL,
  bucket TEXT NOT NULL,
  first_minute INTEGER NOT NULL,
  PRIMARY KEY (day, token_chain, token_contract)
);
