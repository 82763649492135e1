-- SQLite: nothing to do. db/migration/postgresql/V13__features_lz4.sql compresses PostgreSQL's features with lz4;
-- SQLite stores them uncompressed. The version is kept so both databases count the same migrations.
SELECT 1;
