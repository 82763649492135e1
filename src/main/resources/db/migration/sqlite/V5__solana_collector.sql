-- SQLite: the same tables and columns as db/migration/postgresql/V5__solana_collector.sql, decimals as TEXT and
-- times as INTEGER milliseconds since the epoch (UTC).
-- Solana price collector (SOLANA.md §2.4, §2.7). DexScreener points, one row per token and arrival time; every
-- figure the answer did not give stays NULL, never 0 (0 liquidity would read as a rug).
CREATE TABLE lowcap_price_data_1m (
  token_contract TEXT NOT NULL,
  chain TEXT NOT NULL DEFAULT 'solana',
  timestamp INTEGER NOT NULL,
  price_usd TEXT NOT NULL,
  price_native TEXT,
  quote_token TEXT,
  liquidity_usd TEXT,
  liquidity_change_1m TEXT,
  volume_1m TEXT,
  volume_5m TEXT,
  volume_1h TEXT,
  volume_6h TEXT,
  volume_24h TEXT,
  price_change_24h TEXT,
  market_cap TEXT,
  fdv TEXT,
  dex_id TEXT,
  pair_address TEXT,
  source TEXT NOT NULL DEFAULT 'dexscreener',
  PRIMARY KEY (token_contract, chain, timestamp)
);
CREATE INDEX lowcap_price_data_1m_chain_time ON lowcap_price_data_1m (chain, timestamp);

-- Bars built from the points: the price in SOL beside the USD one (0 = unknown, the predecessor's convention for
-- backfilled bars), the market figures of the latest point, and how much of the period the points covered.
-- Existing rows (USD only) read as native unknown, coverage not measured, not partial.
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN open_native TEXT NOT NULL DEFAULT '0';
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN high_native TEXT NOT NULL DEFAULT '0';
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN low_native TEXT NOT NULL DEFAULT '0';
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN close_native TEXT NOT NULL DEFAULT '0';
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN liquidity_usd TEXT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN fdv TEXT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN market_cap TEXT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN dex_id TEXT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN pair_address TEXT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN bars_used INTEGER;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN expected_bars INTEGER;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN coverage_pct TEXT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
