package lotus.app.demo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import lotus.ingest.SolanaCollector;
import lotus.sim.solana.SolanaMarket;
import lotus.solana.common.Mints;
import lotus.solana.dex.PricePoint;
import lotus.time.Timeframe;

/**
 * The demo's Solana history. DexScreener serves no history, so a real run's Solana bars start the minute its collector
 * first sees a token; the engine needs 333 bars before a position acts. This stands in for the history the real venue
 * never serves: one point a minute from the simulated market's own past path (the path its DexScreener and Jupiter
 * answer from afterwards), with the market caps its DexScreener reports, stored through the collector's points → 1m
 * bars → rollups code path.
 */
final class SolanaHistory {

    private static final MathContext MC = MathContext.DECIMAL128;

    private SolanaHistory() {
    }

    /** Points for {@code mints} and WSOL at every minute in {@code [fromMs, toMs)}, stored by the collector. */
    static int write(SolanaCollector collector, SolanaMarket market, List<String> mints, long fromMs, long toMs) {
        List<PricePoint> points = new ArrayList<>();
        long step = Timeframe.M1.durationMs();
        for (long minute = fromMs; minute < toMs; minute += step) {
            BigDecimal solUsd = market.usdAt(Mints.WSOL, minute);
            points.add(point(Mints.WSOL, minute, solUsd, BigDecimal.ONE, "USDC", null, null));
            for (String mint : mints) {
                BigDecimal usd = market.usdAt(mint, minute);
                points.add(point(mint, minute, usd, usd.divide(solUsd, MC), "SOL", market.marketCapUsdAt(mint, minute),
                        market.fdvUsdAt(mint, minute)));
            }
        }
        collector.storeHistory(points);
        return points.size();
    }

    /**
     * A point with a price and the caps: the caps follow from the path (price × the token's supply) and decide its
     * bucket driver; the pools' other figures of the past are unknown, so they are null, never 0.
     */
    private static PricePoint point(String mint, long minuteMs, BigDecimal usd, BigDecimal nativeSol, String quote,
            BigDecimal marketCap, BigDecimal fdv) {
        return new PricePoint(mint, minuteMs, usd, nativeSol, quote, null, null, null, null, null, null, null, null,
                marketCap, fdv, null, null);
    }
}
