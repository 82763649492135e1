package lotus.engine;

/** The Uptrend Engine v4 states of STRATEGY.md §2. "None" (no state yet, or dormant) is a null state. */
public enum EngineState {
    /** Bearish order: EMA20, 30 < EMA60 < 144 < 250 < 333. */
    S0,
    /** Fast band above EMA60 after S0: the early uptrend where S1 buys happen. */
    S1,
    /** Price above EMA333: breakout; retests of EMA333 are bought. */
    S2,
    /** Bullish order: the trend proper; trims into strength, DX buys on discounts. */
    S3,
    /** Watch only: neither order at the first look. */
    S4
}
