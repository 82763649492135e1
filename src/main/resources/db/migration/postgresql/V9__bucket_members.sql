-- Who is in which market-cap bucket each UTC day (issue 14): the bucket collector decides it once per token and day
-- (BucketMembership: the last cap before the day, or a newcomer's first cap of the day) and writes it here, so the PM
-- gives a token the bucket driver of the bucket its index counted it in, and an operator can see why. A row is never
-- changed once written: the day's decision stands. first_minute is the open of the first 1m index bar that counted the
-- token that day: a tick reading bars before it does not see the token in the bucket yet, live or in a backtest.
CREATE TABLE regime_bucket_members (
  day TIMESTAMPTZ NOT NULL,
  token_chain TEXT NOT NULL,
  token_contract TEXT NOT NULL,
  bucket TEXT NOT NULL,
  first_minute TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (day, token_chain, token_contract)
);
