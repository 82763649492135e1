package lotus.exec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lotus.hyperliquid.common.Asset;
import lotus.hyperliquid.common.AssetCatalog;
import lotus.hyperliquid.common.MarketKind;
import lotus.hyperliquid.common.UnknownAssetException;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.info.PerpAccount;
import lotus.hyperliquid.info.SpotAccount;
import lotus.pm.Position;
import lotus.store.Positions;

/**
 * The venue's account against the book (ARCHITECTURE.md, Safety): per Hyperliquid token, the sum of {@code quantity}
 * (on spot {@code quantity + dust}) over the book's positions (every timeframe) against the venue's quantity: book {@code perps} against the perp
 * {@code szi} of the coin, book {@code spot} (token_contract = the pair's name, {@code PURR/USDC}) against the spot
 * balance of the pair's base token, found by token index (names repeat, HYPERLIQUID.md §4). A difference of more than
 * one size step (10^-szDecimals) is a drift. Reads the master's state, never the agent's (§8, 8).
 */
public final class AccountCheck {

    static final String CHAIN = "hyperliquid";
    static final String PERPS = "perps";
    static final String SPOT = "spot";

    /**
     * One token of one book.
     *
     * @param token   the name stored in the book ({@code ETH}, {@code PURR/USDC})
     * @param book    {@code perps} or {@code spot}
     * @param venue   the venue's quantity: signed {@code szi}, or the base token's total balance
     * @param step    one size step, 10^-szDecimals
     */
    public record Row(String token, String book, BigDecimal venue, BigDecimal bookQty, BigDecimal step,
            boolean drift) {
    }

    /** Every row with a quantity on either side, perps then spot, each by token; and the balances read. */
    public record Report(String master, List<Row> rows, PerpAccount perp, SpotAccount spot) {
        public Report {
            rows = List.copyOf(rows);
        }

        public List<Row> drifts() {
            return rows.stream().filter(Row::drift).toList();
        }
    }

    private final AssetCatalog catalog;
    private final HlInfoClient info;
    private final Positions positions;

    public AccountCheck(AssetCatalog catalog, HlInfoClient info, Positions positions) {
        this.catalog = catalog;
        this.info = info;
        this.positions = positions;
    }

    public Report check(String master) {
        PerpAccount perp = info.perpAccount(master);
        SpotAccount spot = info.spotAccount(master);
        List<Row> rows = new ArrayList<>(perpRows(perp));
        rows.addAll(spotRows(spot));
        return new Report(master, rows, perp, spot);
    }

    private List<Row> perpRows(PerpAccount perp) {
        Map<String, BigDecimal> book = bookQuantities(PERPS);
        Map<String, BigDecimal> venue = new TreeMap<>();
        for (Map.Entry<String, BigDecimal> e : perp.sziByCoin().entrySet()) {
            venue.put(nameOfCoin(e.getKey()), e.getValue());
        }
        TreeMap<String, Boolean> tokens = new TreeMap<>();
        book.keySet().forEach(t -> tokens.put(t, true));
        venue.keySet().forEach(t -> tokens.put(t, true));
        List<Row> out = new ArrayList<>();
        for (String token : tokens.keySet()) {
            Asset asset = find(token);
            int szDecimals = asset == null ? 0 : asset.szDecimals();
            BigDecimal v = asset == null ? venue.getOrDefault(token, BigDecimal.ZERO)
                    : perp.szi(asset.apiCoin());
            add(out, token, PERPS, v, book.getOrDefault(token, BigDecimal.ZERO), szDecimals);
        }
        return out;
    }

    private List<Row> spotRows(SpotAccount spot) {
        Map<String, BigDecimal> book = bookQuantities(SPOT);
        // Base token index → the pair name the row carries: the book's name first, else the catalog's first pair.
        Map<Integer, String> pairOfToken = new TreeMap<>();
        for (Asset a : catalog.assets()) {
            if (a.kind() == MarketKind.SPOT) {
                pairOfToken.putIfAbsent(catalog.spotBase(a).tokenIndex(), a.name());
            }
        }
        TreeMap<String, Boolean> tokens = new TreeMap<>();
        book.keySet().forEach(t -> tokens.put(t, true));
        for (SpotAccount.Balance b : spot.balances()) {
            if (b.token() != 0 && b.total().signum() != 0) {
                tokens.put(pairOfToken.getOrDefault(b.token(), b.coin()), true);
            }
        }
        List<Row> out = new ArrayList<>();
        for (String token : tokens.keySet()) {
            Asset asset = find(token);
            if (asset == null || asset.kind() != MarketKind.SPOT) {
                // A balance of a token no pair trades, or a book name the venue does not list: compare by name.
                BigDecimal v = spot.byCoin(token).map(SpotAccount.Balance::total).orElse(BigDecimal.ZERO);
                add(out, token, SPOT, v, book.getOrDefault(token, BigDecimal.ZERO), 0);
                continue;
            }
            AssetCatalog.SpotToken base = catalog.spotBase(asset);
            BigDecimal v = spot.byToken(base.tokenIndex()).map(SpotAccount.Balance::total).orElse(BigDecimal.ZERO);
            add(out, token, SPOT, v, book.getOrDefault(token, BigDecimal.ZERO), base.szDecimals());
        }
        return out;
    }

    private static void add(List<Row> out, String token, String book, BigDecimal venue, BigDecimal bookQty,
            int szDecimals) {
        if (venue.signum() == 0 && bookQty.signum() == 0) {
            return;
        }
        BigDecimal step = BigDecimal.ONE.movePointLeft(szDecimals);
        out.add(new Row(token, book, venue, bookQty, step, venue.subtract(bookQty).abs().compareTo(step) > 0));
    }

    /**
     * Sum of quantity per token_contract over every timeframe of one Hyperliquid book; on spot with each position's
     * dust, which its full exits left on the venue (below a step each, but they add up across positions).
     */
    private Map<String, BigDecimal> bookQuantities(String bookId) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Position p : positions.byVenue(CHAIN, bookId)) {
            out.merge(p.tokenContract(), SPOT.equals(bookId) ? p.quantity().add(p.dust()) : p.quantity(),
                    BigDecimal::add);
        }
        return out;
    }

    private String nameOfCoin(String apiCoin) {
        try {
            return catalog.byApiCoin(apiCoin).name();
        } catch (UnknownAssetException e) {
            return apiCoin;
        }
    }

    private Asset find(String name) {
        try {
            return catalog.byName(name);
        } catch (UnknownAssetException e) {
            return null;
        }
    }
}
