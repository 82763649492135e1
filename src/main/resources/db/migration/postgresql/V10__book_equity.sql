-- Each book's equity over time (issue 15): the risk report's figures (RiskControls.report, as /api/risk shows them
-- now) written by the trading process after every PM tick at the tick's bar close, so the operator page can draw an
-- equity curve; /api/risk alone only knows the present. Two timeframes closing at the same instant write the same
-- row, and the later write wins.
CREATE TABLE book_equity (
  book TEXT NOT NULL,
  timestamp TIMESTAMPTZ NOT NULL,
  equity_usd NUMERIC NOT NULL,
  pnl_today_usd NUMERIC NOT NULL,
  realised_usd NUMERIC NOT NULL,
  exposure_usd NUMERIC NOT NULL,
  PRIMARY KEY (book, timestamp)
);
