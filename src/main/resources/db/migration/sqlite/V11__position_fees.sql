-- SQLite: the same column as db/migration/postgresql/V11__position_fees.sql, money as a TEXT decimal (a NUMERIC would
-- become a double).
-- The fees of a position's open trade (issue 16): every fill adds its fee in USD, as total_extracted_usd adds its
-- proceeds, and closure resets it with the other totals once the trade's net PnL is in completed_trades.
ALTER TABLE lowcap_positions ADD COLUMN total_fees_usd TEXT NOT NULL DEFAULT '0';
