-- Lotus schema, PostgreSQL. The SQLite twin (db/migration/sqlite) has the same tables and columns;
-- SchemaParityTest keeps them in step.

-- Hyperliquid trading tokens: the seed's DDL exactly (hyperliquid-integration-architecture.md, section 1).
CREATE TABLE hyperliquid_price_data_ohlc (
  token_contract TEXT NOT NULL,
  chain TEXT NOT NULL DEFAULT 'hyperliquid',
  timeframe TEXT NOT NULL,
  timestamp TIMESTAMPTZ NOT NULL,
  open_usd NUMERIC NOT NULL,
  high_usd NUMERIC NOT NULL,
  low_usd NUMERIC NOT NULL,
  close_usd NUMERIC NOT NULL,
  volume NUMERIC NOT NULL,
  source TEXT DEFAULT 'hyperliquid',
  PRIMARY KEY (token_contract, chain, timeframe, timestamp)
);

-- Majors (BTC ETH BNB SOL HYPE): market understanding, never traded from this table.
CREATE TABLE majors_price_data_ohlc (
  token_contract TEXT NOT NULL,
  chain TEXT NOT NULL DEFAULT 'hyperliquid',
  timeframe TEXT NOT NULL,
  timestamp TIMESTAMPTZ NOT NULL,
  open_usd NUMERIC NOT NULL,
  high_usd NUMERIC NOT NULL,
  low_usd NUMERIC NOT NULL,
  close_usd NUMERIC NOT NULL,
  volume NUMERIC NOT NULL,
  source TEXT DEFAULT 'hyperliquid',
  PRIMARY KEY (token_contract, chain, timeframe, timestamp)
);

-- Solana (and other on-chain) tokens, fed by DexScreener-style polling.
CREATE TABLE lowcap_price_data_ohlc (
  token_contract TEXT NOT NULL,
  chain TEXT NOT NULL DEFAULT 'solana',
  timeframe TEXT NOT NULL,
  timestamp TIMESTAMPTZ NOT NULL,
  open_usd NUMERIC NOT NULL,
  high_usd NUMERIC NOT NULL,
  low_usd NUMERIC NOT NULL,
  close_usd NUMERIC NOT NULL,
  volume NUMERIC NOT NULL,
  source TEXT DEFAULT 'dexscreener',
  PRIMARY KEY (token_contract, chain, timeframe, timestamp)
);

CREATE TABLE majors_trades_ticks (
  coin TEXT NOT NULL,
  tid BIGINT NOT NULL,
  time TIMESTAMPTZ NOT NULL,
  px NUMERIC NOT NULL,
  sz NUMERIC NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('B', 'A')),
  PRIMARY KEY (coin, tid)
);
CREATE INDEX majors_trades_ticks_coin_time ON majors_trades_ticks (coin, time);

-- version: optimistic concurrency for position updates (a writer that read an older row loses, loudly).
CREATE TABLE lowcap_positions (
  id BIGSERIAL PRIMARY KEY,
  token_contract TEXT NOT NULL,
  token_chain TEXT NOT NULL,
  token_ticker TEXT,
  timeframe TEXT NOT NULL CHECK (timeframe IN ('1m', '5m', '15m', '1h', '4h', '1d')),
  book_id TEXT NOT NULL DEFAULT 'social',
  status TEXT NOT NULL DEFAULT 'watchlist' CHECK (status IN ('watchlist', 'active', 'paused', 'closed')),
  state TEXT,
  features JSONB NOT NULL DEFAULT '{}',
  quantity NUMERIC NOT NULL DEFAULT 0,
  total_allocation_pct NUMERIC NOT NULL DEFAULT 0,
  total_allocation_usd NUMERIC NOT NULL DEFAULT 0,
  total_extracted_usd NUMERIC NOT NULL DEFAULT 0,
  total_tokens_bought NUMERIC NOT NULL DEFAULT 0,
  total_tokens_sold NUMERIC NOT NULL DEFAULT 0,
  avg_entry_price NUMERIC,
  current_trade_id TEXT,
  completed_trades JSONB NOT NULL DEFAULT '[]',
  version BIGINT NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  UNIQUE (token_contract, token_chain, timeframe)
);
CREATE INDEX lowcap_positions_timeframe ON lowcap_positions (timeframe);
CREATE INDEX lowcap_positions_chain_book ON lowcap_positions (token_chain, book_id);

-- Learning records (position_closed, ...): scope and payload as JSON.
CREATE TABLE ad_strands (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  scope JSONB NOT NULL,
  payload JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ad_strands_kind_id ON ad_strands (kind, id);

-- Every live order, written before it is sent, so a restart reconciles instead of sending twice.
CREATE TABLE order_journal (
  cloid TEXT PRIMARY KEY,
  venue TEXT NOT NULL,
  position_id BIGINT,
  action TEXT NOT NULL,
  request JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sent', 'resting', 'filled', 'rejected', 'cancelled', 'unknown')),
  response JSONB,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX order_journal_status ON order_journal (status);
