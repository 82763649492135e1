package lotus.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import lotus.exec.AccountCheck;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.signing.Signer;
import lotus.pm.AllocationPolicy;
import lotus.pm.Position;
import lotus.risk.RiskControls;
import lotus.store.Database;
import lotus.store.NewPosition;
import lotus.store.Positions;
import lotus.store.TradingStates;
import lotus.time.Clock;
import lotus.time.Timeframe;

/** The books as the operator's one-shot commands read and change them, on the system clock: positions, risk, account. */
public final class Books {

    private Books() {
    }

    /** Every position, by chain, book, token and timeframe. */
    public static List<Position> positions(Database db) {
        Positions positions = new Positions(db, Clock.system());
        List<Position> all = new ArrayList<>();
        for (Timeframe tf : Timeframe.values()) {
            all.addAll(positions.byTimeframe(tf));
        }
        all.sort(Comparator.comparing(Position::tokenChain).thenComparing(Position::bookId)
                .thenComparing(Position::tokenContract).thenComparing(Position::timeframe));
        return all;
    }

    /**
     * Starts watching a token on one timeframe, if its positions in the book that are not closed stay within the
     * token's {@link AllocationPolicy#PER_TOKEN_PCT} with it.
     *
     * @throws lotus.store.PositionExistsException the token is already watched on that timeframe
     * @throws OverAllocatedException              the token's total would exceed its allocation
     */
    // Backtests insert without this check: each is one what-if position per token, at any --alloc-pct asked for.
    public static Position watch(Database db, NewPosition position) {
        Positions positions = new Positions(db, Clock.system());
        Optional<String> over = AllocationPolicy.overTokenTotal(positions.ofToken(position.tokenChain(),
                position.bookId(), position.tokenContract()), position.timeframe(), position.totalAllocationPct());
        if (over.isPresent()) {
            throw new OverAllocatedException(position.tokenContract() + " on " + position.tokenChain() + "/"
                    + position.bookId() + ": " + over.get());
        }
        return positions.insert(position);
    }

    /** The trading states and each book's usage, as {@code lotus risk}, {@code halt} and {@code resume} see them. */
    public static RiskControls riskControls(Database db) {
        return new RiskControls(new TradingStates(db, Clock.system()), new Positions(db, Clock.system()),
                Clock.system());
    }

    /** The account {@code lotus account} reads: {@code hyperliquid.account_address}, else the signing key's address. */
    public static Optional<String> accountAddress(LotusConfig config) {
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        return hl.accountAddress().or(() -> hl.privateKey().map(k -> Signer.fromPrivateKey(k.reveal()).address()));
    }

    /** The venue's account beside the book, one row per token; reads only. Migrates {@code db} first. */
    public static AccountCheck.Report checkAccount(LotusConfig config, Database db, String address) {
        LotusConfig.Hyperliquid hl = config.hyperliquid();
        Clock clock = Clock.system();
        try (HlInfoClient info = new HlInfoClient(hl.endpoints().infoUrl(), PmAssembly.restBudget(clock), clock)) {
            db.migrate();
            return new AccountCheck(info.assetCatalog(hl.network()), info, new Positions(db, clock))
                    .check(address);
        }
    }
}
