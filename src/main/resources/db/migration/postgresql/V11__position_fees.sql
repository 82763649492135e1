-- The fees of a position's open trade (issue 16): every fill adds its fee in USD, as total_extracted_usd adds its
-- proceeds, and closure resets it with the other totals once the trade's net PnL is in completed_trades. Rows that
-- predate this column paid fees nobody recorded: they read as 0.
ALTER TABLE lowcap_positions ADD COLUMN total_fees_usd NUMERIC NOT NULL DEFAULT 0;
