-- Lotus schema, SQLite (the embedded default). Same tables and columns as db/migration/postgresql, with
-- SQLite's types: decimals as TEXT (a NUMERIC column would silently turn them into doubles), times as INTEGER
-- milliseconds since the epoch (UTC), JSON as TEXT. SchemaParityTest keeps the two in step.

CREATE TABLE hyperliquid_price_data_ohlc (
  token_contract TEXT NOT NULL,
  chain TEXT NOT NULL DEFAULT 'hyperliquid',
  timeframe TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  open_usd TEXT NOT NULL,
  high_usd TEXT NOT NULL,
  low_usd TEXT NOT NULL,
  close_usd TEXT NOT NULL,
  volume TEXT NOT NULL,
  source TEXT DEFAULT 'hyperliquid',
  PRIMARY KEY (token_contract, chain, timeframe, timestamp)
);

CREATE TABLE majors_price_data_ohlc (
  token_contract TEXT NOT NULL,
  chain TEXT NOT NULL DEFAULT 'hyperliquid',
  timeframe TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  open_usd TEXT NOT NULL,
  high_usd TEXT NOT NULL,
  low_usd TEXT NOT NULL,
  close_usd TEXT NOT NULL,
  volume TEXT NOT NULL,
  source TEXT DEFAULT 'hyperliquid',
  PRIMARY KEY (token_contract, chain, timeframe, timestamp)
);

CREATE TABLE lowcap_price_data_ohlc (
  token_contract TEXT NOT NULL,
  chain TEXT NOT NULL DEFAULT 'solana',
  timeframe TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  open_usd TEXT NOT NULL,
  high_usd TEXT NOT NULL,
  low_usd TEXT NOT NULL,
  close_usd TEXT NOT NULL,
  volume TEXT NOT NULL,
  source TEXT DEFAULT 'dexscreener',
  PRIMARY KEY (token_contract, chain, timeframe, timestamp)
);

CREATE TABLE majors_trades_ticks (
  coin TEXT NOT NULL,
  tid INTEGER NOT NULL,
  time INTEGER NOT NULL,
  px TEXT NOT NULL,
  sz TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('B', 'A')),
  PRIMARY KEY (coin, tid)
);
CREATE INDEX majors_trades_ticks_coin_time ON majors_trades_ticks (coin, time);

CREATE TABLE lowcap_positions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_contract TEXT NOT NULL,
  token_chain TEXT NOT NULL,
  token_ticker TEXT,
  timeframe TEXT NOT NULL CHECK (timeframe IN ('1m', '5m', '15m', '1h', '4h', '1d')),
  book_id TEXT NOT NULL DEFAULT 'social',
  status TEXT NOT NULL DEFAULT 'watchlist' CHECK (status IN ('watchlist', 'active', 'paused', 'closed')),
  state TEXT,
  features TEXT NOT NULL DEFAULT '{}',
  quantity TEXT NOT NULL DEFAULT '0',
  total_allocation_pct TEXT NOT NULL DEFAULT '0',
  total_allocation_usd TEXT NOT NULL DEFAULT '0',
  total_extracted_usd TEXT NOT NULL DEFAULT '0',
  total_tokens_bought TEXT NOT NULL DEFAULT '0',
  total_tokens_sold TEXT NOT NULL DEFAULT '0',
  avg_entry_price TEXT,
  current_trade_id TEXT,
  completed_trades TEXT NOT NULL DEFAULT '[]',
  version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (token_contract, token_chain, timeframe)
);
CREATE INDEX lowcap_positions_timeframe ON lowcap_positions (timeframe);
CREATE INDEX lowcap_positions_chain_book ON lowcap_positions (token_chain, book_id);

CREATE TABLE ad_strands (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  scope TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX ad_strands_kind_id ON ad_strands (kind, id);

CREATE TABLE order_journal (
  cloid TEXT PRIMARY KEY NOT NULL,
  venue TEXT NOT NULL,
  position_id INTEGER,
  action TEXT NOT NULL,
  request TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sent', 'resting', 'filled', 'rejected', 'cancelled', 'unknown')),
  response TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX order_journal_status ON order_journal (status);
