-- SQLite: nothing to do. db/migration/postgresql/V13__positions_rewritten_every_tick.sql sets PostgreSQL's storage
-- of the positions rewritten at every tick (half-full pages, lz4); SQLite has neither setting. The version is kept
-- so both databases count the same migrations.
SELECT 1;
