package lotus.sim.solana;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import lotus.solana.common.Mints;
import lotus.time.Clock;

/**
 * The simulated Solana tokens: one seeded price path per mint on the injected clock (a random walk that steps once a
 * minute, so every reader within a minute sees the same price), its decimals, its pool depth and the pools
 * DexScreener lists for it. WSOL, USDC and USDT are built in, with a WSOL/USDC pool. Thread-safe; tests steer it
 * through {@link #addToken}, {@link #addPool}, {@link #removePool} and {@link #setUsd}.
 */
public final class SolanaMarket implements SolanaPrices {

    /** Prices keep 12 significant digits: enough for a 1e-10 token, exact as decimal strings. */
    private static final MathContext DIGITS = new MathContext(12);
    /** Supply behind fdv and market cap: a pump-style billion. */
    private static final BigDecimal SUPPLY = new BigDecimal("1000000000");

    /** One token's path: {@code price} at {@code priceMinute}, then one seeded step per minute. */
    private static final class Token {
        final String symbol;
        final int decimals;
        final BigDecimal poolDepthUsd;
        final double volatility;
        BigDecimal price;
        long priceMinute;

        Token(String symbol, int decimals, BigDecimal startUsd, BigDecimal poolDepthUsd, double volatility,
                long minute) {
            this.symbol = symbol;
            this.decimals = decimals;
            this.poolDepthUsd = poolDepthUsd;
            this.volatility = volatility;
            this.price = startUsd;
            this.priceMinute = minute;
        }
    }

    private final Clock clock;
    private final long seed;
    private final Map<String, Token> tokens = new LinkedHashMap<>();
    private final Map<String, SimPool> pools = new LinkedHashMap<>();

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
    public synchronized void addToken(String mint, String symbol, int decimals, BigDecimal startUsd,
            BigDecimal poolDepthUsd, double volatility) {
        if (startUsd.signum() <= 0) {
            throw new IllegalArgumentException("a token's price must be positive, got " + startUsd);
        }
        tokens.put(mint, new Token(symbol, decimals, startUsd, poolDepthUsd, volatility, minute()));
    }

    /** Moves the token's path to {@code usd} from this minute on (a pump, a rug). */
    public synchronized void setUsd(String mint, BigDecimal usd) {
        Token t = token(mint);
        t.price = usd;
        t.priceMinute = minute();
    }

    /** Lists a pool from now on; a pool with the same address is replaced. */
    public synchronized void addPool(SimPool pool) {
        token(pool.baseMint());
        token(pool.quoteMint());
        pools.put(pool.pairAddress(), pool);
    }

    /** Stops listing a pool (it vanished, or was drained). */
    public synchronized void removePool(String pairAddress) {
        pools.remove(pairAddress);
    }

    /** The pools that have {@code mint} on either side, in listing order. */
    public synchronized List<SimPool> pools(String mint) {
        List<SimPool> out = new ArrayList<>();
        for (SimPool p : pools.values()) {
            if (p.has(mint)) {
                out.add(p);
            }
        }
        return out;
    }

    public synchronized Optional<String> symbol(String mint) {
        return Optional.ofNullable(tokens.get(mint)).map(t -> t.symbol);
    }

    @Override
    public synchronized Optional<BigDecimal> usd(String mint) {
        Token t = tokens.get(mint);
        if (t == null) {
            return Optional.empty();
        }
        long now = minute();
        if (now < t.priceMinute) {
            return Optional.of(t.price);
        }
        // Steps are a pure function of (seed, mint, minute), so the path does not depend on who asked when.
        while (t.priceMinute < now) {
            t.priceMinute++;
            double u = new SplittableRandom(seed ^ mint.hashCode() * 31L ^ t.priceMinute * 0x9E3779B97F4A7C15L)
                    .nextDouble(-1, 1);
            t.price = t.price.multiply(BigDecimal.valueOf(1 + u * t.volatility), DIGITS);
        }
        return Optional.of(t.price);
    }

    @Override
    public synchronized Optional<Integer> decimals(String mint) {
        return Optional.ofNullable(tokens.get(mint)).map(t -> t.decimals);
    }

    @Override
    public synchronized BigDecimal poolDepthUsd(String mint) {
        return token(mint).poolDepthUsd;
    }

    /** Fully diluted value now: price × a billion tokens. */
    synchronized BigDecimal fdvUsd(String mint) {
        return usd(mint).orElseThrow().multiply(SUPPLY, DIGITS);
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
