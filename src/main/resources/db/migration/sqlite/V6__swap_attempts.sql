-- SQLite: as db/migration/postgresql/V6__swap_attempts.sql, JSON as TEXT and times as epoch milliseconds.
-- Solana swaps (SOLANA.md §4.6): the intent is the order_journal row (one per decision, keyed by its cloid); under it
-- numbered attempts, each one signed transaction. Written before every side effect: an attempt is journalled
-- 'signed' with its signature (the transaction id, known before sending) before it is sent, so a restart finds every
-- signature that may land and never buys twice.
CREATE TABLE swap_attempts (
  cloid TEXT NOT NULL REFERENCES order_journal (cloid),
  attempt INTEGER NOT NULL,
  signature TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('signed', 'sent', 'landed_ok', 'landed_err', 'rejected', 'expired')),
  last_valid_block_height INTEGER NOT NULL,
  transaction_b64 TEXT NOT NULL,
  quote TEXT NOT NULL,
  slippage_bps INTEGER NOT NULL,
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (cloid, attempt)
);
-- At most one attempt of an intent may still land: a new one only after the last is definitively finished.
CREATE UNIQUE INDEX swap_attempts_one_in_flight ON swap_attempts (cloid) WHERE state IN ('signed', 'sent');
