-- SQLite: the same column as db/migration/postgresql/V12__position_dust.sql, a token amount as a TEXT decimal (a
-- NUMERIC would become a double).
-- The tokens a position's full exits left on the venue, below one size step, kept beside quantity, never in it.
ALTER TABLE lowcap_positions ADD COLUMN dust TEXT NOT NULL DEFAULT '0';
