package lotus.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The simulated exchange's accounts: tests fund them, approve agents and read them back through this API; clients
 * trade through signed {@code POST /exchange} actions and read through {@code /info}. Addresses are accepted in any
 * case and stored lowercase. One lock guards all account state.
 *
 * <p>A master exists once funded or given an agent; anything signed by another key is refused with the venue's
 * "does not exist" text. Each account holds one USDC balance serving both perp margin and spot (see {@link Account}).
 */
public final class SimExchange {

    /** A perp position as a test reads it. */
    public record Position(String coin, BigDecimal szi, BigDecimal entryPx, int leverage, boolean cross) {
    }

    /** An order as a test reads it; {@code status} is the venue's text ({@code open}, {@code filled}, …). */
    public record OrderView(long oid, String cloid, String coin, boolean isBuy, BigDecimal limitPx, BigDecimal sz,
            BigDecimal origSz, String status, long timestampMs, long statusTimestampMs) {
    }

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final Object lock = new Object();
    private final SimConfig config;
    private final SimMarket market;
    private final SimStats stats;
    private final Trader trader;
    private final NonceBook nonces;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    /** Agent address → master address. */
    private final Map<String, String> agents = new HashMap<>();
    private final Map<String, Integer> tokenIndex = new HashMap<>();
    /** Cloid → how many orders carrying it reached {@link #submit}, whatever became of them. */
    private final Map<String, Integer> cloidSubmissions = new HashMap<>();

    SimExchange(SimConfig config, SimMarket market, SimStats stats, UserOutbox outbox, TradeTags tags) {
        this.config = config;
        this.market = market;
        this.stats = stats;
        this.trader = new Trader(config.trading(), market, outbox, tags);
        this.nonces = new NonceBook(config.trading().nonceMaxAgeMs());
        for (Universe.SpotToken token : market.universe().tokens()) {
            tokenIndex.put(token.name(), token.index());
        }
    }

    /** Adds USDC to the master's balance (creating the account): perp margin and spot USDC alike. */
    public void fundUsdc(String master, BigDecimal usdc) {
        positive(usdc);
        synchronized (lock) {
            Account account = accountFor(address(master));
            account.usdc = account.usdc.add(usdc);
        }
    }

    /** Adds a spot base token by name ({@code PURR}, {@code HYPE}), at zero cost basis. */
    public void fundToken(String master, String token, BigDecimal amount) {
        positive(amount);
        int index = token(token);
        synchronized (lock) {
            Account.Holding holding = accountFor(address(master)).holding(index);
            holding.total = holding.total.add(amount);
        }
    }

    /** From now on {@code agent} signs for {@code master} (an unnamed agent, as the venue's approveAgent makes). */
    public void approveAgent(String agent, String master) {
        String a = address(agent);
        String m = address(master);
        if (a.equals(m)) {
            throw new IllegalArgumentException("an agent cannot be its own master: " + a);
        }
        synchronized (lock) {
            if (accounts.containsKey(a)) {
                throw new IllegalArgumentException(a + " is a master account and cannot become an agent");
            }
            accountFor(m);
            agents.put(a, m);
        }
    }

    /** The USDC balance, exact (fees and PnL included, no rounding). */
    public BigDecimal usdc(String master) {
        synchronized (lock) {
            Account account = accounts.get(address(master));
            return account == null ? BigDecimal.ZERO : account.usdc;
        }
    }

    /** Total of a spot token by name ({@code USDC} is the USDC balance). */
    public BigDecimal spotTotal(String master, String token) {
        if ("USDC".equals(token)) {
            return usdc(master);
        }
        int index = token(token);
        synchronized (lock) {
            Account account = accounts.get(address(master));
            Account.Holding holding = account == null ? null : account.tokens.get(index);
            return holding == null ? BigDecimal.ZERO : holding.total;
        }
    }

    /** What resting spot orders lock of a token ({@code USDC} for buys, the base token for sells). */
    public BigDecimal spotHold(String master, String token) {
        int index = "USDC".equals(token) ? -1 : token(token);
        synchronized (lock) {
            Account account = accounts.get(address(master));
            if (account == null) {
                return BigDecimal.ZERO;
            }
            return index < 0 ? account.usdcHold() : account.tokenHold(index);
        }
    }

    public Optional<Position> position(String master, String apiCoin) {
        synchronized (lock) {
            Account account = accounts.get(address(master));
            if (account == null) {
                return Optional.empty();
            }
            for (Account.Position p : account.positions.values()) {
                SimAsset asset = p.listing.asset();
                if (asset.apiCoin().equals(apiCoin)) {
                    Account.Leverage leverage = account.leverage(asset, config.trading().defaultLeverage());
                    return Optional.of(new Position(apiCoin, p.szi, p.entryPx, leverage.value(), leverage.cross()));
                }
            }
            return Optional.empty();
        }
    }

    /** Open orders, oldest first. */
    public List<OrderView> openOrders(String master) {
        synchronized (lock) {
            Account account = accounts.get(address(master));
            return account == null ? List.of() : account.openOrders.values().stream().map(SimExchange::view).toList();
        }
    }

    /** The newest order placed with {@code cloid}, whatever its status. */
    public Optional<OrderView> orderByCloid(String master, String cloid) {
        synchronized (lock) {
            Account account = accounts.get(address(master));
            SimOrder order = account == null ? null : account.byCloid.get(cloid.toLowerCase(Locale.ROOT));
            return Optional.ofNullable(order).map(SimExchange::view);
        }
    }

    /**
     * How many orders with {@code cloid} reached the exchange: every order of a well-formed, signed {@code order}
     * action counts, whether it was then executed, rejected or refused (unknown signer, bad nonce). A client that
     * resends after an unknown outcome shows up here as 2.
     */
    public int cloidSubmissions(String cloid) {
        synchronized (lock) {
            return cloidSubmissions.getOrDefault(cloid.toLowerCase(Locale.ROOT), 0);
        }
    }

    /** {@link #cloidSubmissions(String)} of every cloid seen, sorted by cloid. */
    public Map<String, Integer> cloidSubmissions() {
        synchronized (lock) {
            return new java.util.TreeMap<>(cloidSubmissions);
        }
    }

    /** The {@code userRole} of an address (HYPERLIQUID.md §3): master, agent of a master, or unknown. */
    public sealed interface Role {
        record User() implements Role {
        }

        record Agent(String master) implements Role {
        }

        record Missing() implements Role {
        }
    }

    public Role role(String address) {
        String a = address(address);
        synchronized (lock) {
            if (accounts.containsKey(a)) {
                return new Role.User();
            }
            String master = agents.get(a);
            return master == null ? new Role.Missing() : new Role.Agent(master);
        }
    }

    /** Every fill kept for the master, newest first. */
    public List<SimFill> fills(String master) {
        synchronized (lock) {
            Account account = accounts.get(address(master));
            return account == null ? List.of() : new ArrayList<>(account.fills).reversed();
        }
    }

    /**
     * Executes one verified action signed by {@code signer} (lowercase) and returns the answer's JSON. The signer
     * must be a master or an approved agent; its nonce must pass {@link NonceBook}; an expired {@code expiresAfter}
     * is refused. Business errors are answers, never exceptions.
     */
    String submit(String signer, long nonce, Long expiresAfter, String vaultAddress, SimAction action, long nowMs) {
        market.advanceTo(nowMs);
        synchronized (lock) {
            if (action instanceof SimAction.PlaceOrders orders) {
                for (var order : orders.orders()) {
                    if (order.cloid() != null) {
                        cloidSubmissions.merge(order.cloid().toLowerCase(Locale.ROOT), 1, Integer::sum);
                    }
                }
            }
            trader.fireScheduledCancels(accounts.values(), nowMs);
            String master = accounts.containsKey(signer) ? signer : agents.get(signer);
            if (master == null) {
                return ExchangeReplies.err("User or API Wallet " + signer + " does not exist.");
            }
            if (expiresAfter != null && expiresAfter < nowMs) {
                // Text ours (unverified); the venue charges such refusals 5x address budget, not simulated.
                return ExchangeReplies.err("Action expired: expiresAfter " + expiresAfter + " is before " + nowMs);
            }
            if (vaultAddress != null) {
                return ExchangeReplies.err("Vault and sub-account actions are not simulated");
            }
            String refused = nonces.use(signer, nonce, nowMs);
            if (refused != null) {
                return ExchangeReplies.err(refused);
            }
            stats.exchangeAction();
            Account account = accounts.get(master);
            return switch (action) {
                case SimAction.PlaceOrders orders -> trader.placeOrders(account, orders, nowMs);
                case SimAction.Cancel cancel -> trader.cancel(account, cancel, nowMs);
                case SimAction.CancelByCloid cancel -> trader.cancelByCloid(account, cancel, nowMs);
                case SimAction.UpdateLeverage leverage -> trader.updateLeverage(account, leverage);
                case SimAction.ScheduleCancel schedule -> trader.scheduleCancel(account, schedule, nowMs);
            };
        }
    }

    /** The pump's tick: fires dead man's switches that are due. */
    void onClock(long nowMs) {
        synchronized (lock) {
            trader.fireScheduledCancels(accounts.values(), nowMs);
        }
    }

    /** Runs {@code reader} under the lock after due switches fired; it may call {@link #account} and {@link #order}. */
    <T> T read(long nowMs, Supplier<T> reader) {
        synchronized (lock) {
            trader.fireScheduledCancels(accounts.values(), nowMs);
            return reader.get();
        }
    }

    /** Caller holds the lock (inside {@link #read}); null for an unknown user. */
    Account account(String user) {
        return accounts.get(user);
    }

    /** Caller holds the lock (inside {@link #read}); the user's order or null. */
    SimOrder order(String user, long oid) {
        SimOrder order = trader.order(oid);
        return order != null && order.user.equals(user) ? order : null;
    }

    SimMarket market() {
        return market;
    }

    SimConfig config() {
        return config;
    }

    /** {@code 0x} + 40 hex digits, lowercased; anything else is a programming error of the caller. */
    static String address(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("not an address: " + address);
        }
        return address.toLowerCase(Locale.ROOT);
    }

    private Account accountFor(String address) {
        if (agents.containsKey(address)) {
            throw new IllegalArgumentException(address + " is an agent and cannot hold funds");
        }
        return accounts.computeIfAbsent(address, Account::new);
    }

    private int token(String name) {
        Integer index = tokenIndex.get(name);
        if (index == null || index == 0) {
            throw new IllegalArgumentException("unknown spot base token '" + name + "'; known: " + tokenIndex.keySet());
        }
        return index;
    }

    private static void positive(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }

    private static OrderView view(SimOrder o) {
        return new OrderView(o.oid, o.cloid, o.asset().apiCoin(), o.isBuy, o.limitPx, o.sz, o.origSz, o.status.wire,
                o.timestampMs, o.statusTimestampMs);
    }
}
