package lotus.sim.solana;

import io.javalin.router.JavalinDefaultRouting;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import lotus.solana.common.Mints;
import lotus.time.Clock;

/**
 * The local Solana venue beside the local Hyperliquid (SOLANA.md §1, §6): one {@link SolanaMarket} with a seeded set of
 * tokens (mints derived from the seed, each with a SOL pool and every other one a smaller USDC pool too) behind
 * DexScreener at {@code /dexscreener}, Jupiter at {@link JupiterSim#PREFIX} and the JSON-RPC node at {@code /rpc}, the
 * paths a local run's configuration defaults to, all on the caller's app and clock.
 */
public final class SolanaVenueSim {

    public static final String DEXSCREENER_PREFIX = "/dexscreener";
    public static final String RPC_PREFIX = "/rpc";

    /** Names for the seeded tokens; past the list they repeat with a number. */
    private static final List<String> SYMBOLS = List.of("KOI", "PETAL", "REED", "MOSS", "FERN", "HERON", "LILY",
            "NEWT", "DRAKE", "SEDGE", "CRANE", "ALGAE");
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private final SolanaMarket market;
    private final List<String> tokens;
    private final Ledger ledger = new Ledger();
    private final SwapRegistry registry = new SwapRegistry();
    private final DexScreenerSim dexScreener;
    private final SolanaRpcSim rpc;
    private final JupiterSim jupiter;

    /** Lists {@code tokens} seeded tokens at the clock's current minute. */
    public SolanaVenueSim(Clock clock, long seed, int tokens) {
        if (tokens < 0) {
            throw new IllegalArgumentException("the number of Solana tokens must not be negative, got " + tokens);
        }
        this.market = new SolanaMarket(clock, seed);
        this.tokens = listTokens(market, clock, seed, tokens);
        this.dexScreener = new DexScreenerSim(market, clock);
        this.rpc = new SolanaRpcSim(clock, seed, market, registry, ledger, RpcSimSettings.defaults());
        this.jupiter = new JupiterSim(clock, seed, market, rpc, registry, JupiterSim.Settings.defaults());
    }

    /** Adds the three services' routes under their prefixes to an app the caller builds and starts. */
    public void mount(JavalinDefaultRouting router) {
        dexScreener.mount(router, DEXSCREENER_PREFIX);
        jupiter.mount(router, JupiterSim.PREFIX);
        rpc.mount(router, RPC_PREFIX);
    }

    private static List<String> listTokens(SolanaMarket market, Clock clock, long seed, int n) {
        List<String> mints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String mint = Ledger.hashAddress("sim-token:" + seed + ":" + i);
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            String symbol = SYMBOLS.get(i % SYMBOLS.size()) + (i < SYMBOLS.size() ? "" : i / SYMBOLS.size() + 1);
            // Low caps: $0.00001 to $0.1 a token, $40k to $400k in the main pool, pump-style 6 decimals or 9.
            BigDecimal startUsd = BigDecimal.valueOf(Math.pow(10, r.nextDouble(-5, -1))).round(FOUR_DIGITS);
            BigDecimal depthUsd = BigDecimal.valueOf(r.nextLong(40_000, 400_000));
            int decimals = r.nextBoolean() ? 6 : 9;
            double volatility = r.nextDouble(0.002, 0.004);
            long createdMs = clock.nowMs() - r.nextLong(1, 90) * 86_400_000L;
            market.addToken(mint, symbol, decimals, startUsd, depthUsd, volatility, true,
                    supply(startUsd, listingCapUsd(i, r)));
            market.addPool(new SimPool(Ledger.hashAddress("sim-pool:" + mint + ":SOL"), "raydium", mint, Mints.WSOL,
                    depthUsd, true, true, createdMs, List.of("CPMM")));
            if (i % 2 == 1) {
                market.addPool(new SimPool(Ledger.hashAddress("sim-pool:" + mint + ":USDC"), "meteora", mint,
                        Mints.USDC, depthUsd.divide(BigDecimal.valueOf(5)), true, true, createdMs, List.of("DLMM")));
            }
            mints.add(mint);
        }
        return List.copyOf(mints);
    }

    /**
     * The market cap a token lists at, drawn after its other figures so they stay as they were: by turns in the middle
     * of the nano (under $10M) and the small ($10M to $50M) bucket, so any six tokens give two bucket drivers three
     * members each (fewer make no index bar), and a day's drift of a few tens of percent keeps each in its bucket.
     */
    private static BigDecimal listingCapUsd(int i, SplittableRandom r) {
        return BigDecimal.valueOf(i % 2 == 0 ? r.nextLong(1_500_000, 4_000_000) : r.nextLong(18_000_000, 28_000_000));
    }

    /** Whole tokens such that {@code usd} × supply, less the tenth not circulating, is {@code capUsd}. */
    private static BigDecimal supply(BigDecimal usd, BigDecimal capUsd) {
        return capUsd.divide(usd.multiply(SolanaMarket.CIRCULATING), 0, RoundingMode.HALF_EVEN);
    }

    /** The seeded tokens' mints, in listing order (WSOL, USDC and USDT are the market's own). */
    public List<String> tokens() {
        return tokens;
    }

    public SolanaMarket market() {
        return market;
    }

    /** The chain's balances: fund a wallet here to swap live against the simulator. */
    public Ledger ledger() {
        return ledger;
    }

    public DexScreenerSim dexScreener() {
        return dexScreener;
    }

    public JupiterSim jupiter() {
        return jupiter;
    }

    public SolanaRpcSim rpc() {
        return rpc;
    }
}
