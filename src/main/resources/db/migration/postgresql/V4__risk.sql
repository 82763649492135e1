-- Risk (going live safely), PostgreSQL: trading states and equity peaks, read by RiskGate before every order so a
-- halt written by another process is obeyed at the next check. Depends on V1 only. The SQLite twin has the same
-- tables and columns.

-- One row per scope that was ever set: 'global' or a book id (spot, perps, social). No row means active.
CREATE TABLE trading_states (
  scope TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('active', 'reducing', 'halted')),
  reason TEXT,
  changed_at TIMESTAMPTZ NOT NULL,
  changed_by TEXT
);

-- The highest equity (wallet + realised + marked PnL) each book has been seen at: the base of max_drawdown_pct.
CREATE TABLE risk_equity_peaks (
  book_id TEXT PRIMARY KEY,
  peak_equity_usd NUMERIC NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
