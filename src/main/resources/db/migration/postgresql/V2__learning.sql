-- Learning (STRATEGY.md §7), PostgreSQL: aggregates of the position_closed strands of ad_strands, kept up to date
-- incrementally by LearningSystem, and the cursor of the last strand applied. Everything here can be rebuilt by
-- emptying these tables and resetting the cursor to 0. The SQLite twin has the same tables and columns.

-- One lesson per (book, pattern, scope subset). subset_key is a JSON object of the fixed dimensions in the order
-- timeframe, token_ticker, entry_state ('{}' for the whole book), compared as text.
CREATE TABLE learning_lessons (
  book_id TEXT NOT NULL,
  token_chain TEXT NOT NULL,
  pattern TEXT NOT NULL,
  subset_key TEXT NOT NULL,
  n BIGINT NOT NULL,
  wins BIGINT NOT NULL,
  sum_rr NUMERIC NOT NULL,
  sum_return NUMERIC NOT NULL,
  PRIMARY KEY (book_id, token_chain, pattern, subset_key)
);

-- Per (book, timeframe): every trade's tally (their sum over timeframes is the book's baseline) and the EWMA of rr
-- (tau 14 days) as sums decayed to ewma_closed_at.
CREATE TABLE learning_timeframes (
  book_id TEXT NOT NULL,
  token_chain TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  n BIGINT NOT NULL,
  wins BIGINT NOT NULL,
  sum_rr NUMERIC NOT NULL,
  sum_return NUMERIC NOT NULL,
  ewma_closed_at TIMESTAMPTZ NOT NULL,
  ewma_weight NUMERIC NOT NULL,
  ewma_weighted_rr NUMERIC NOT NULL,
  PRIMARY KEY (book_id, token_chain, timeframe)
);

-- The last strand of each consumed kind applied to the tables above, moved in the same transaction as they are.
CREATE TABLE learning_cursor (
  strand_kind TEXT PRIMARY KEY,
  last_strand_id BIGINT NOT NULL,
  strands_applied BIGINT NOT NULL,
  strands_skipped BIGINT NOT NULL
);
INSERT INTO learning_cursor (strand_kind, last_strand_id, strands_applied, strands_skipped)
VALUES ('position_closed', 0, 0, 0);
