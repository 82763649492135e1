-- Learning (STRATEGY.md §7), SQLite: the same tables and columns as db/migration/postgresql/V2__learning.sql, with
-- decimals as TEXT and times as INTEGER milliseconds since the epoch (UTC).

CREATE TABLE learning_lessons (
  book_id TEXT NOT NULL,
  token_chain TEXT NOT NULL,
  pattern TEXT NOT NULL,
  subset_key TEXT NOT NULL,
  n INTEGER NOT NULL,
  wins INTEGER NOT NULL,
  sum_rr TEXT NOT NULL,
  sum_return TEXT NOT NULL,
  PRIMARY KEY (book_id, token_chain, pattern, subset_key)
);

CREATE TABLE learning_timeframes (
  book_id TEXT NOT NULL,
  token_chain TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  n INTEGER NOT NULL,
  wins INTEGER NOT NULL,
  sum_rr TEXT NOT NULL,
  sum_return TEXT NOT NULL,
  ewma_closed_at INTEGER NOT NULL,
  ewma_weight TEXT NOT NULL,
  ewma_weighted_rr TEXT NOT NULL,
  PRIMARY KEY (book_id, token_chain, timeframe)
);

CREATE TABLE learning_cursor (
  strand_kind TEXT PRIMARY KEY NOT NULL,
  last_strand_id INTEGER NOT NULL,
  strands_applied INTEGER NOT NULL,
  strands_skipped INTEGER NOT NULL
);
INSERT INTO learning_cursor (strand_kind, last_strand_id, strands_applied, strands_skipped)
VALUES ('position_closed', 0, 0, 0);
