-- SQLite: as db/migration/postgresql/V7__lowcap_ohlc_time_index.sql.
-- The Solana collector reads every token's bars of one timeframe in a time range each minute (the previous minute's
-- 1m bars, then each closed period's): the key leads with token_contract, so without this index each of those reads
-- scanned the whole table, a cost that grows with the history kept.
CREATE INDEX lowcap_price_data_ohlc_chain_tf_time ON lowcap_price_data_ohlc (chain, timeframe, timestamp);
