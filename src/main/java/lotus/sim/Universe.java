package lotus.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The listed markets: majors and extra perps from a catalogue in listing order (so BTC is index 0 and HYPE sits far
 * down, as on mainnet), and spot pairs with sparse pair and token indices (HYPE/USDC is pair 107 on base token 150),
 * so a client that uses list positions instead of the {@code index} fields breaks here as it would on the venue.
 * Names, szDecimals and leverage are realistic, not mainnet's current values.
 */
final class Universe {

    /** One listed market plus what the price model needs. {@code baseToken} is -1 for perps. */
    record Listing(SimAsset asset, double startPrice, double activity, double volatilityPerSqrtHour, int baseToken) {
    }

    record SpotToken(String name, int index, int szDecimals, int weiDecimals, String tokenId) {
    }

    private record PerpEntry(String name, int szDecimals, int maxLeverage, double price) {
    }

    private record SpotEntry(int pairIndex, String base, int tokenIndex, int szDecimals, int weiDecimals,
            double price) {
    }

    /** Listing order of the perps; the first {@code extraPerps} non-majors are listed. */
    private static final List<PerpEntry> PERPS = List.of(
            new PerpEntry("BTC", 5, 40, 97_000), new PerpEntry("ETH", 4, 25, 3_000),
            new PerpEntry("ATOM", 2, 10, 6.8), new PerpEntry("DYDX", 1, 10, 1.4), new PerpEntry("SOL", 2, 20, 180),
            new PerpEntry("AVAX", 2, 10, 35), new PerpEntry("BNB", 3, 10, 600), new PerpEntry("OP", 1, 10, 1.9),
            new PerpEntry("LTC", 2, 10, 105), new PerpEntry("ARB", 1, 10, 0.75), new PerpEntry("DOGE", 0, 20, 0.32),
            new PerpEntry("INJ", 1, 10, 24), new PerpEntry("SUI", 1, 10, 4.2),
            new PerpEntry("kPEPE", 0, 10, 0.0165),
            new PerpEntry("XRP", 0, 20, 2.3), new PerpEntry("LINK", 1, 10, 22), new PerpEntry("APT", 2, 10, 9.5),
            new PerpEntry("TIA", 1, 10, 5.1), new PerpEntry("SEI", 0, 10, 0.45), new PerpEntry("NEAR", 1, 10, 5.3),
            new PerpEntry("DOT", 1, 10, 7.2), new PerpEntry("ADA", 0, 10, 0.95), new PerpEntry("TRX", 0, 10, 0.25),
            new PerpEntry("kSHIB", 0, 10, 0.022), new PerpEntry("kBONK", 0, 10, 0.031),
            new PerpEntry("WIF", 0, 10, 1.9),
            new PerpEntry("JUP", 0, 10, 0.85), new PerpEntry("PENDLE", 0, 5, 5.4), new PerpEntry("ENA", 0, 10, 0.9),
            new PerpEntry("WLD", 1, 10, 2.1), new PerpEntry("FIL", 1, 10, 5.6), new PerpEntry("AAVE", 2, 10, 340),
            new PerpEntry("UNI", 1, 10, 13.5), new PerpEntry("CRV", 1, 10, 0.95), new PerpEntry("LDO", 1, 10, 1.9),
            new PerpEntry("MKR", 4, 10, 1_800), new PerpEntry("TON", 1, 10, 5.8), new PerpEntry("ORDI", 2, 10, 38),
            new PerpEntry("TAO", 3, 5, 480), new PerpEntry("POPCAT", 0, 5, 0.95), new PerpEntry("STX", 1, 5, 1.7),
            new PerpEntry("RUNE", 1, 5, 5.5), new PerpEntry("ONDO", 0, 10, 1.3), new PerpEntry("kFLOKI", 0, 3, 0.18),
            new PerpEntry("HYPE", 2, 10, 25), new PerpEntry("TRUMP", 1, 10, 15), new PerpEntry("FARTCOIN", 1, 5, 1.1));

    private static final List<SpotEntry> SPOTS = List.of(
            new SpotEntry(0, "PURR", 1, 0, 5, 0.18), new SpotEntry(107, "HYPE", 150, 2, 8, 25),
            new SpotEntry(1, "HFUN", 2, 2, 8, 4.5), new SpotEntry(4, "JEFF", 5, 0, 5, 0.9),
            new SpotEntry(11, "PIP", 12, 1, 6, 18), new SpotEntry(140, "UBTC", 197, 5, 10, 97_000),
            new SpotEntry(147, "UETH", 221, 4, 9, 3_000), new SpotEntry(151, "USOL", 254, 3, 9, 180),
            new SpotEntry(156, "UPUMP", 299, 0, 6, 0.006), new SpotEntry(166, "UFART", 322, 1, 6, 1.1),
            new SpotEntry(188, "PUMP", 311, 0, 5, 0.0045), new SpotEntry(202, "BUDDY", 340, 0, 5, 0.021));

    private final List<Listing> perps;
    private final List<Listing> spots;
    private final List<SpotToken> tokens;

    Universe(SimConfig config) {
        SplittableRandom random = new SplittableRandom(config.seed() ^ 0x756E6976L);
        this.perps = buildPerps(config, random);
        List<SpotToken> tokenList = new ArrayList<>();
        tokenList.add(new SpotToken("USDC", 0, 8, 8, tokenId(random)));
        List<Listing> spotList = new ArrayList<>();
        for (int i = 0; i < config.spotPairs(); i++) {
            SpotEntry entry = i < SPOTS.size() ? SPOTS.get(i)
                    : new SpotEntry(400 + i, "SIM" + i, 500 + i, 1, 6, 0.5 + i % 17);
            String apiCoin = entry.pairIndex() == 0 ? entry.base() + "/USDC" : "@" + entry.pairIndex();
            SimAsset asset = new SimAsset(apiCoin, entry.base() + "/USDC", SimAsset.Kind.SPOT, entry.szDecimals(), 1,
                    entry.pairIndex());
            double activity = entry.pairIndex() == 0 || "HYPE".equals(entry.base()) ? 1.0 : 0.5;
            spotList.add(new Listing(asset, jitter(entry.price(), random), activity, 0.012, entry.tokenIndex()));
            tokenList.add(new SpotToken(entry.base(), entry.tokenIndex(), entry.szDecimals(), entry.weiDecimals(),
                    tokenId(random)));
        }
        tokenList.sort(Comparator.comparingInt(SpotToken::index));
        spotList.sort(Comparator.comparingInt(l -> l.asset().index()));
        this.spots = List.copyOf(spotList);
        this.tokens = List.copyOf(tokenList);
    }

    private static List<Listing> buildPerps(SimConfig config, SplittableRandom random) {
        List<PerpEntry> chosen = new ArrayList<>();
        for (String major : config.majors()) {
            chosen.add(PERPS.stream().filter(p -> p.name().equals(major)).findFirst()
                    .orElse(new PerpEntry(major, 2, 10, 50)));
        }
        int extras = 0;
        for (PerpEntry entry : PERPS) {
            if (extras == config.extraPerps()) {
                break;
            }
            if (!config.majors().contains(entry.name())) {
                chosen.add(entry);
                extras++;
            }
        }
        for (int i = 0; extras < config.extraPerps(); i++, extras++) {
            chosen.add(new PerpEntry("SIM" + i, 1, 10, 1 + i % 40));
        }
        // Catalogue (listing) order; names outside the catalogue list last, as late listings do.
        chosen.sort(Comparator.comparingInt(p -> {
            int rank = PERPS.indexOf(p);
            return rank < 0 ? Integer.MAX_VALUE : rank;
        }));
        List<Listing> listings = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            PerpEntry entry = chosen.get(i);
            boolean major = config.majors().contains(entry.name());
            SimAsset asset = new SimAsset(entry.name(), entry.name(), SimAsset.Kind.PERP, entry.szDecimals(),
                    entry.maxLeverage(), i);
            listings.add(new Listing(asset, jitter(entry.price(), random), major ? 5.0 : 1.0, major ? 0.006 : 0.01,
                    -1));
        }
        return List.copyOf(listings);
    }

    /** {@code 0x} + 32 hex, as the venue's token ids. */
    private static String tokenId(SplittableRandom random) {
        HexFormat hex = HexFormat.of();
        return "0x" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
    }

    /** The catalogue price moved by up to about ±15 %, so two seeds do not share a price level. */
    private static double jitter(double price, SplittableRandom random) {
        return price * Math.exp(random.nextDouble(-0.15, 0.15));
    }

    /** Perps in meta order, then spot pairs in pair-index order. */
    List<Listing> listings() {
        List<Listing> all = new ArrayList<>(perps);
        all.addAll(spots);
        return all;
    }

    List<Listing> perps() {
        return perps;
    }

    List<Listing> spots() {
        return spots;
    }

    /** USDC (index 0) and every base token, by token index. */
    List<SpotToken> tokens() {
        return tokens;
    }
}
