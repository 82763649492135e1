-- SQLite: the same table and columns as db/migration/postgresql/V10__book_equity.sql, times as INTEGER
-- milliseconds since the epoch (UTC) and money as TEXT decimals (a NUMERIC would become a double).
-- Each book's equity over time (issue 15): the risk report's figures written by the trading process after every PM
-- tick at the tick's bar close, so the operator page can draw an equity curve; /api/risk alone only knows the present.
CREATE TABLE book_equity (
  book TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  equity_usd TEXT NOT NULL,
  pnl_today_usd TEXT NOT NULL,
  realised_usd TEXT NOT NULL,
  exposure_usd TEXT NOT NULL,
  PRIMARY KEY (book, timestamp)
);
