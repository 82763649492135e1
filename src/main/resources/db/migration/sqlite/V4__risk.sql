-- Risk (going live safely), SQLite: the same tables and columns as db/migration/postgresql/V4__risk.sql, with
-- decimals as TEXT and times as INTEGER milliseconds since the epoch (UTC). Depends on V1 only.

CREATE TABLE trading_states (
  scope TEXT PRIMARY KEY NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('active', 'reducing', 'halted')),
  reason TEXT,
  changed_at INTEGER NOT NULL,
  changed_by TEXT
);

CREATE TABLE risk_equity_peaks (
  book_id TEXT PRIMARY KEY NOT NULL,
  peak_equity_usd TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
