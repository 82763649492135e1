-- Exactly once per decision: a journal row names the bar its decision was planned on, so a replanned decision
-- gets the next attempt's cloid, and keeps the venue's fills it applied to the position when it was settled.
ALTER TABLE order_journal ADD COLUMN bar_close_ms BIGINT;
ALTER TABLE order_journal ADD COLUMN fills JSONB;
CREATE INDEX order_journal_position ON order_journal (position_id, bar_close_ms);
