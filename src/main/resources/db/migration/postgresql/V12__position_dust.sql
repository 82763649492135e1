-- The tokens a position's full exits left on the venue, below one size step (a Hyperliquid spot buy's fee is taken
-- in the token bought, so the balance it credits is off the size grid and no order can sell all of it). Kept beside
-- quantity, never in it, and sold with the next full exit once quantity + dust reaches a step, so the venue's balance
-- stays within a step of the book's and the dust's proceeds reach a trade. Rows that predate it read as 0.
ALTER TABLE lowcap_positions ADD COLUMN dust NUMERIC NOT NULL DEFAULT 0;
