-- Solana price collector (SOLANA.md §2.4, §2.7). DexScreener points, one row per token and arrival time; every
-- figure the answer did not give stays NULL, never 0 (0 liquidity would read as a rug).
CREATE TABLE lowcap_price_data_1m (
  token_contract TEXT NOT NULL,
  chain TEXT NOT NULL DEFAULT 'solana',
  timestamp TIMESTAMPTZ NOT NULL,
  price_usd NUMERIC NOT NULL,
  price_native NUMERIC,
  quote_token TEXT,
  liquidity_usd NUMERIC,
  liquidity_change_1m NUMERIC,
  volume_1m NUMERIC,
  volume_5m NUMERIC,
  volume_1h NUMERIC,
  volume_6h NUMERIC,
  volume_24h NUMERIC,
  price_change_24h NUMERIC,
  market_cap NUMERIC,
  fdv NUMERIC,
  dex_id TEXT,
  pair_address TEXT,
  source TEXT NOT NULL DEFAULT 'dexscreener',
  PRIMARY KEY (token_contract, chain, timestamp)
);
CREATE INDEX lowcap_price_data_1m_chain_time ON lowcap_price_data_1m (chain, timestamp);

-- Bars built from the points: the price in SOL beside the USD one (0 = unknown, the predecessor's convention for
-- backfilled bars), the market figures of the latest point, and how much of the period the points covered.
-- Existing rows (USD only) read as native unknown, coverage not measured, not partial.
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN open_native NUMERIC NOT NULL DEFAULT 0;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN high_native NUMERIC NOT NULL DEFAULT 0;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN low_native NUMERIC NOT NULL DEFAULT 0;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN close_native NUMERIC NOT NULL DEFAULT 0;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN liquidity_usd NUMERIC;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN fdv NUMERIC;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN market_cap NUMERIC;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN dex_id TEXT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN pair_address TEXT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN bars_used BIGINT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN expected_bars BIGINT;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN coverage_pct NUMERIC;
ALTER TABLE lowcap_price_data_ohlc ADD COLUMN partial BOOLEAN NOT NULL DEFAULT FALSE;
