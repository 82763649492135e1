package lotus.sim.solana;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lotus.solana.common.Mints;
import lotus.time.Clock;

/**
 * The simulated Solana tokens: one seeded price path per mint on the injected clock (a random walk that steps once a
 * minute, so every reader within a minute sees the same price; {@link #usdAt} reads its past), its decimals, its
 * pool depth and the pools DexScreener lists for it. WSOL, USDC and USDT are built in, with a WSOL/USDC pool.
 * Thread-safe; tests steer it through {@link #addToken}, {@link #addPool}, {@link #removePool} and {@link #setUsd}.
 */
public final class SolanaMarket implements SolanaPrices {

    /** Supply behind fdv and market cap unless a token is given its own: a pump-style billion. */
    private static final BigDecimal SUPPLY = new BigDecimal("1000000000");
    /** The share of the supply DexScreener counts as circulating: market cap = fdv × this. */
    static final BigDecimal CIRCULATING = new BigDecimal("0.9");

    private record Token(String symbol, int decimals, BigDecimal poolDepthUsd, TokenPath path, BigDecimal supply) {
    }

    private final Clock clock;
    private final long seed;
    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final Map<String, SimPool> pools = new LinkedHashMap<>();
    /** Pair addresses by the mints on either side, in listing order: thousands of tokens are asked for each minute. */
    private final Map<String, LinkedHashSet<String>> poolsByMint = new HashMap<>();

    public SolanaMarket(Clock clock, long seed) {
        this.clock = clock;
        this.seed = seed;
        addToken(Mints.WSOL, "SOL", 9, new BigDecimal("150"), new BigDecimal("50000000"), 0.002);
        addToken(Mints.USDC, "USDC", 6, BigDecimal.ONE, new BigDecimal("50000000"), 0);
        addToken(Mints.USDT, "USDT", 6, BigDecimal.ONE, new BigDecimal("50000000"), 0);
        addPool(SimPool.of("SolUsdcPool11111111111111111111111111111111", Mints.WSOL, Mints.USDC, "30000000"));
    }

    /**
     * Adds a token whose USD price starts at {@code startUsd} now and moves by up to {@code volatility} (a fraction)
     * each minute, seeded by the market's seed and the mint.
     */
    public void addToken(String mint, String symbol, int decimals, BigDecimal startUsd, BigDecimal poolDepthUsd,
            double volatility) {
        addToken(mint, symbol, decimals, startUsd, poolDepthUsd, volatility, false);
    }

    /**
     * As {@link #addToken(String, String, int, BigDecimal, BigDecimal, double)}; with {@code regimes}, hours of
     * steady rise, chop, crash and recovery shape the walk (the demo's tokens, which a trend engine trades).
     */
    public void addToken(String mint, String symbol, int decimals, BigDecimal startUsd,
            BigDecimal poolDepthUsd, double volatility, boolean regimes) {
        addToken(mint, symbol, decimals, startUsd, poolDepthUsd, volatility, regimes, SUPPLY);
    }

    /** As above, with {@code supply} tokens behind its fdv and market cap (which decide its market-cap bucket). */
    public synchronized void addToken(String mint, String symbol, int decimals, BigDecimal startUsd,
            BigDecimal poolDepthUsd, double volatility, boolean regimes, BigDecimal supply) {
        if (startUsd.signum() <= 0 || supply.signum() <= 0) {
            throw new IllegalArgumentException("a token's price and supply must be positive, got " + startUsd + ", "
                    + supply);
        }
        tokens.put(mint, new Token(symbol, decimals, poolDepthUsd,
                new TokenPath(seed, mint, startUsd, minute(), volatility, regimes), supply));
    }

    /** The mints listed, in listing order (WSOL, USDC and USDT first). */
    public synchronized List<String> mints() {
        return List.copyOf(tokens.keySet());
    }

    /** Moves the token's path to {@code usd} from this minute on (a pump, a rug). */
    public synchronized void setUsd(String mint, BigDecimal usd) {
        token(mint).path().set(minute(), usd);
    }

    /** Lists a pool from now on; a pool with the same address is replaced. */
    public synchronized void addPool(SimPool pool) {
        token(pool.baseMint());
        token(pool.quoteMint());
        removePool(pool.pairAddress());
        pools.put(pool.pairAddress(), pool);
        for (String mint : List.of(pool.baseMint(), pool.quoteMint())) {
            poolsByMint.computeIfAbsent(mint, m -> new LinkedHashSet<>()).add(pool.pairAddress());
        }
    }

    /** Stops listing a pool (it vanished, or was drained). */
    public synchronized void removePool(String pairAddress) {
        SimPool gone = pools.remove(pairAddress);
        if (gone != null) {
            for (String mint : List.of(gone.baseMint(), gone.quoteMint())) {
                poolsByMint.getOrDefault(mint, new LinkedHashSet<>()).remove(pairAddress);
            }
        }
    }

    /** The pools that have {@code mint} on either side, in listing order. */
    public synchronized List<SimPool> pools(String mint) {
        List<SimPool> out = new ArrayList<>();
        for (String address : poolsByMint.getOrDefault(mint, new LinkedHashSet<>())) {
            out.add(pools.get(address));
        }
        return out;
    }

    public synchronized Optional<String> symbol(String mint) {
        return Optional.ofNullable(tokens.get(mint)).map(Token::symbol);
    }

    @Override
    public synchronized Optional<BigDecimal> usd(String mint) {
        Token t = tokens.get(mint);
        return t == null ? Optional.empty() : Optional.of(t.path().at(minute()));
    }

    /**
     * USD per whole token in the minute containing {@code timeMs}, which must not be later than the clock's minute:
     * the past of the path, before the token was listed too (the same seeded steps, run backwards).
     */
    public synchronized BigDecimal usdAt(String mint, long timeMs) {
        long minute = Math.floorDiv(timeMs, 60_000L);
        if (minute > minute()) {
            throw new IllegalArgumentException("the path of " + mint + " is not known past the clock's minute");
        }
        return token(mint).path().at(minute);
    }

    @Override
    public synchronized Optional<Integer> decimals(String mint) {
        return Optional.ofNullable(tokens.get(mint)).map(Token::decimals);
    }

    @Override
    public synchronized BigDecimal poolDepthUsd(String mint) {
        return token(mint).poolDepthUsd();
    }

    /** Fully diluted value in the minute containing {@code timeMs} (not later than the clock's): price × supply. */
    public synchronized BigDecimal fdvUsdAt(String mint, long timeMs) {
        return usdAt(mint, timeMs).multiply(token(mint).supply(), TokenPath.DIGITS);
    }

    /** Market cap in the minute containing {@code timeMs}, as DexScreener reports it: the circulating share of fdv. */
    public synchronized BigDecimal marketCapUsdAt(String mint, long timeMs) {
        return fdvUsdAt(mint, timeMs).multiply(CIRCULATING, TokenPath.DIGITS);
    }

    private Token token(String mint) {
        Token t = tokens.get(mint);
        if (t == null) {
            throw new IllegalArgumentException("unknown mint " + mint);
        }
        return t;
    }

    private long minute() {
        return Math.floorDiv(clock.nowMs(), 60_000L);
    }
}
