package lotus.sim.solana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import lotus.solana.common.Mints;

/**
 * The simulated chain's transactions (SOLANA.md §6): received ones waiting for their block, and landed ones with
 * their status and {@code getTransaction} answer. A swap executes on the {@link Ledger} when it lands, at that
 * moment's prices through {@link SimPricing}, so a fill differs from its quote when the price moved. Landing is lazy:
 * the simulator calls {@link #advance} with the current height on every request, so no thread is needed. Thread-safe.
 */
final class Landings {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
    static final String TOKEN_2022_PROGRAM = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb";
    /** The swap is the third instruction (compute-unit limit, compute-unit price, swap: {@link SimTransactions}). */
    private static final int SWAP_INSTRUCTION = 2;
    /** SPL Token's InsufficientFunds: the transfer out of the wallet's account fails. */
    static final int INSUFFICIENT_FUNDS = 1;
    static final int SLIPPAGE_EXCEEDED = 6001;
    static final int NOT_ENOUGH_ACCOUNT_KEYS = 6008;
    private static final BigInteger VAULT_START = BigInteger.TEN.pow(18);
    private static final long PROGRAM_LAMPORTS = 1_141_440;

    /** What executing a swap now would do: an error, or the output it would give. */
    record Evaluation(JsonNode err, List<String> logs, BigInteger out) {
    }

    private record Pending(WireTx tx, SimSwap swap, TxScenario scenario, long landAt, long lastValid, long order) {
    }

    private record Landed(long height, JsonNode err, ObjectNode transaction) {
    }

    private final SolanaPrices prices;
    private final Ledger ledger;
    private final RpcSimSettings settings;
    private final LongUnaryOperator blockTimeMs;
    private final String pool;
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Landed> landed = new HashMap<>();
    private final Map<String, Integer> nullPolls = new HashMap<>();
    private final Map<String, BigInteger> vaults = new HashMap<>();
    private long received;

    /** @param blockTimeMs a height's block time on the injected clock */
    Landings(SolanaPrices prices, Ledger ledger, RpcSimSettings settings, LongUnaryOperator blockTimeMs, String pool) {
        this.prices = prices;
        this.ledger = ledger;
        this.settings = settings;
        this.blockTimeMs = blockTimeMs;
        this.pool = pool;
    }

    synchronized boolean known(String signature) {
        return pending.containsKey(signature) || landed.containsKey(signature);
    }

    synchronized boolean hasLanded(String signature) {
        return landed.containsKey(signature);
    }

    /**
     * A new signature: it lands per {@code scenario}, at most once, and never after {@code lastValid}. A signature
     * already known (two sends racing past {@link #known}) is left as it is.
     */
    synchronized void accept(WireTx tx, SimSwap swap, TxScenario scenario, long height, long lastValid) {
        if (known(tx.signatureBase58())) {
            return;
        }
        long landAt = switch (scenario) {
            case TxScenario.Drop d -> Long.MAX_VALUE;
            case TxScenario.LandNextBlock n -> height + 1;
            case TxScenario.LandAfter a -> height + a.blocks();
            case TxScenario.LandWithErr e -> height + 1;
            case TxScenario.LandUnseen u -> height + 1;
            case TxScenario.LandWithErrUnreadable u -> height + 1;
        };
        pending.put(tx.signatureBase58(), new Pending(tx, swap, scenario, landAt, lastValid, received++));
    }

    /** Lands what is due by {@code height}, in block order, and forgets what expired unlanded. */
    synchronized void advance(long height) {
        List<Map.Entry<String, Pending>> due = new ArrayList<>();
        for (var it = pending.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Pending> e = it.next();
            Pending p = e.getValue();
            if (p.landAt() <= height || height > p.lastValid()) {
                due.add(e);
                it.remove();
            }
        }
        due.sort(Comparator.comparingLong((Map.Entry<String, Pending> e) -> e.getValue().landAt())
                .thenComparingLong(e -> e.getValue().order()));
        for (Map.Entry<String, Pending> e : due) {
            if (e.getValue().landAt() <= e.getValue().lastValid()) {
                land(e.getKey(), e.getValue());
            }
        }
    }

    /** A swap's preflight (and landing) outcome on the current ledger and prices; never half a landing's ledger. */
    synchronized Evaluation evaluate(String payer, SimSwap swap) {
        if (swap == null) {
            return failure(NOT_ENOUGH_ACCOUNT_KEYS, "Not enough account keys given to the instruction");
        }
        long fee = fee(swap);
        boolean newAccount = !Mints.WSOL.equals(swap.outputMint())
                && ledger.tokenAccount(payer, swap.outputMint()).isEmpty();
        BigInteger lamportsNeeded = BigInteger.valueOf(fee + (newAccount ? settings.tokenAccountRent() : 0));
        if (Mints.WSOL.equals(swap.inputMint())) {
            lamportsNeeded = lamportsNeeded.add(swap.inAmount());
        } else if (ledger.token(payer, swap.inputMint()).compareTo(swap.inAmount()) < 0) {
            return failure(INSUFFICIENT_FUNDS, "insufficient funds");
        }
        if (BigInteger.valueOf(ledger.lamports(payer)).compareTo(lamportsNeeded) < 0) {
            return failure(INSUFFICIENT_FUNDS, "insufficient lamports");
        }
        Optional<SimPricing.Out> out = SimPricing.swap(prices, swap.inputMint(), swap.inAmount(), swap.outputMint());
        if (out.isEmpty() || out.get().amount().compareTo(swap.minOut()) < 0) {
            return failure(SLIPPAGE_EXCEEDED, "Slippage tolerance exceeded");
        }
        List<String> logs = new ArrayList<>(computeBudgetLogs());
        logs.add("Program " + SimTransactions.JUPITER + " invoke [1]");
        logs.add("Program log: Instruction: Route");
        logs.add("Program " + SimTransactions.JUPITER + " success");
        return new Evaluation(null, logs, out.get().amount());
    }

    static ObjectNode customError(int code) {
        ObjectNode err = JSON.createObjectNode();
        ArrayNode instruction = err.putArray("InstructionError");
        instruction.add(SWAP_INSTRUCTION);
        instruction.addObject().put("Custom", code);
        return err;
    }

    /** The signature's status at {@code height}; null when unknown, not landed, or past the recent window. */
    synchronized ObjectNode status(String signature, long height, boolean searchHistory) {
        Landed l = landed.get(signature);
        if (l == null || (!searchHistory && height - l.height() > settings.statusHistoryBlocks())) {
            return null;
        }
        long depth = height - l.height();
        ObjectNode s = JSON.createObjectNode();
        s.put("slot", SolanaRpcSim.slotOf(l.height()));
        if (depth >= settings.finalizeAfterBlocks()) {
            s.putNull("confirmations");
            s.put("confirmationStatus", "finalized");
        } else {
            s.put("confirmations", depth);
            s.put("confirmationStatus", depth >= settings.confirmAfterBlocks() ? "confirmed" : "processed");
        }
        s.set("err", l.err());
        s.set("status", statusOf(l.err()));
        return s;
    }

    /** getTransaction at commitment confirmed: empty until confirmed, then for the configured polls (indexing). */
    synchronized Optional<ObjectNode> transaction(String signature, long height) {
        Landed l = landed.get(signature);
        if (l == null || height - l.height() < settings.confirmAfterBlocks()) {
            return Optional.empty();
        }
        int left = nullPolls.getOrDefault(signature, 0);
        if (left > 0) {
            nullPolls.put(signature, left - 1);
            return Optional.empty();
        }
        return Optional.of(l.transaction().deepCopy());
    }

    private long fee(SimSwap swap) {
        return settings.baseFeeLamports() + (swap == null ? 0 : swap.priorityFeeLamports());
    }

    private void land(String signature, Pending p) {
        String payer = p.tx().payer();
        SimSwap swap = p.swap();
        long fee = fee(swap);
        if (ledger.lamports(payer) < fee) {
            return; // a payer that cannot pay the fee is never included
        }
        Evaluation ev = switch (p.scenario()) {
            case TxScenario.LandWithErr e -> failure(e.customCode(), "scripted failure");
            case TxScenario.LandWithErrUnreadable e -> failure(e.customCode(), "scripted failure");
            default -> evaluate(payer, swap);
        };
        List<Account> accounts = accounts(payer, swap);
        List<long[]> pre = snapshotLamports(accounts);
        List<ObjectNode> preTokens = tokenEntries(accounts);
        ledger.setLamports(payer, ledger.lamports(payer) - fee);
        if (ev.err() == null) {
            execute(payer, swap, ev.out());
        }
        List<long[]> post = snapshotLamports(accounts);
        List<ObjectNode> postTokens = tokenEntries(accounts);
        long height = p.landAt();
        ObjectNode meta = JSON.createObjectNode();
        meta.set("err", ev.err());
        meta.set("status", statusOf(ev.err()));
        meta.put("fee", fee);
        ArrayNode preBalances = meta.putArray("preBalances");
        pre.forEach(b -> preBalances.add(b[0]));
        ArrayNode postBalances = meta.putArray("postBalances");
        post.forEach(b -> postBalances.add(b[0]));
        meta.putArray("preTokenBalances").addAll(preTokens);
        meta.putArray("postTokenBalances").addAll(postTokens);
        meta.putArray("innerInstructions");
        meta.putArray("logMessages").addAll(ev.logs().stream().map(JSON.getNodeFactory()::textNode).toList());
        ObjectNode loaded = meta.putObject("loadedAddresses");
        loaded.putArray("writable");
        loaded.putArray("readonly");
        meta.putArray("rewards");
        meta.put("computeUnitsConsumed", ev.err() == null ? 143_210 : 61_377);
        ObjectNode result = JSON.createObjectNode();
        result.put("slot", SolanaRpcSim.slotOf(height));
        result.put("blockTime", blockTimeMs.applyAsLong(height) / 1000);
        result.put("version", 0);
        ObjectNode tx = result.putObject("transaction");
        tx.putArray("signatures").add(signature);
        ObjectNode message = tx.putObject("message");
        ArrayNode keys = message.putArray("accountKeys");
        accounts.forEach(a -> keys.add(a.address()));
        message.put("recentBlockhash", p.tx().blockhash());
        result.set("meta", meta);
        landed.put(signature, new Landed(height, ev.err(), result));
        nullPolls.put(signature, settings.transactionNullPolls());
    }

    /** Moves the swap's amounts: the input out of the wallet, the output (less a transfer fee) in. */
    private void execute(String payer, SimSwap swap, BigInteger out) {
        String in = swap.inputMint();
        if (Mints.WSOL.equals(in)) {
            // Through a temporary WSOL account opened and closed inside the transaction: only lamports show it.
            ledger.setLamports(payer, ledger.lamports(payer) - swap.inAmount().longValueExact());
        } else {
            BigInteger left = ledger.token(payer, in).subtract(swap.inAmount());
            boolean close = left.signum() == 0 && settings.closeEmptiedAccounts();
            ledger.setToken(payer, in, close ? null : left);
            if (close) {
                ledger.setLamports(payer, ledger.lamports(payer) + settings.tokenAccountRent());
            }
        }
        vaults.put(in, vault(in).add(swap.inAmount()));
        String outMint = swap.outputMint();
        vaults.put(outMint, vault(outMint).subtract(out));
        int feeBps = settings.token2022TransferFeeBps().getOrDefault(outMint, 0);
        BigInteger withheld = out.multiply(BigInteger.valueOf(feeBps)).divide(BigInteger.valueOf(10_000));
        BigInteger delivered = out.subtract(withheld);
        if (Mints.WSOL.equals(outMint)) {
            ledger.setLamports(payer, ledger.lamports(payer) + delivered.longValueExact());
        } else {
            Optional<BigInteger> account = ledger.tokenAccount(payer, outMint);
            if (account.isEmpty()) {
                ledger.setLamports(payer, ledger.lamports(payer) - settings.tokenAccountRent());
            }
            ledger.setToken(payer, outMint, account.orElse(BigInteger.ZERO).add(delivered));
        }
    }

    /** One account of the transaction: the payer, a wallet token account, a pool vault, or a program. */
    private record Account(String address, String owner, String mint, Kind kind) {
        enum Kind { PAYER, WALLET_TOKEN, VAULT, PROGRAM }
    }

    private List<Account> accounts(String payer, SimSwap swap) {
        List<Account> out = new ArrayList<>();
        out.add(new Account(payer, payer, null, Account.Kind.PAYER));
        if (swap != null) {
            for (String mint : List.of(swap.inputMint(), swap.outputMint())) {
                if (!Mints.WSOL.equals(mint)) {
                    out.add(new Account(Ledger.tokenAccountAddress(payer, mint), payer, mint,
                            Account.Kind.WALLET_TOKEN));
                }
            }
            for (String mint : List.of(swap.inputMint(), swap.outputMint())) {
                out.add(new Account(Ledger.tokenAccountAddress(pool, mint), pool, mint, Account.Kind.VAULT));
            }
        }
        out.add(new Account(SimTransactions.COMPUTE_BUDGET, null, null, Account.Kind.PROGRAM));
        out.add(new Account(SimTransactions.JUPITER, null, null, Account.Kind.PROGRAM));
        return out;
    }

    private List<long[]> snapshotLamports(List<Account> accounts) {
        List<long[]> out = new ArrayList<>();
        for (Account a : accounts) {
            long lamports = switch (a.kind()) {
                case PAYER -> ledger.lamports(a.address());
                case WALLET_TOKEN -> ledger.tokenAccount(a.owner(), a.mint()).isPresent()
                        ? settings.tokenAccountRent() : 0;
                case VAULT -> settings.tokenAccountRent();
                case PROGRAM -> PROGRAM_LAMPORTS;
            };
            out.add(new long[] {lamports});
        }
        return out;
    }

    /** Token balances of the accounts that exist now: a created account has no pre entry, a closed one no post. */
    private List<ObjectNode> tokenEntries(List<Account> accounts) {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            Account a = accounts.get(i);
            Optional<BigInteger> amount = switch (a.kind()) {
                case WALLET_TOKEN -> ledger.tokenAccount(a.owner(), a.mint());
                case VAULT -> Optional.of(vault(a.mint()));
                default -> Optional.empty();
            };
            if (amount.isPresent()) {
                out.add(tokenEntry(i, a.mint(), a.owner(), amount.get()));
            }
        }
        return out;
    }

    ObjectNode tokenEntry(int index, String mint, String owner, BigInteger raw) {
        ObjectNode e = JSON.createObjectNode();
        e.put("accountIndex", index);
        e.put("mint", mint);
        e.put("owner", owner);
        e.put("programId", programOf(mint));
        e.set("uiTokenAmount", SolanaRpcSim.tokenAmount(raw, prices.decimals(mint).orElse(0)));
        return e;
    }

    String programOf(String mint) {
        return settings.token2022TransferFeeBps().containsKey(mint) ? TOKEN_2022_PROGRAM : TOKEN_PROGRAM;
    }

    private BigInteger vault(String mint) {
        return vaults.getOrDefault(mint, VAULT_START);
    }

    private static Evaluation failure(int code, String why) {
        List<String> logs = new ArrayList<>(computeBudgetLogs());
        logs.add("Program " + SimTransactions.JUPITER + " invoke [1]");
        logs.add("Program log: AnchorError occurred. Error Number: " + code + ". Error Message: " + why + ".");
        logs.add("Program " + SimTransactions.JUPITER + " failed: custom program error: 0x"
                + Integer.toHexString(code));
        return new Evaluation(customError(code), logs, BigInteger.ZERO);
    }

    private static List<String> computeBudgetLogs() {
        String cb = "Program " + SimTransactions.COMPUTE_BUDGET;
        return List.of(cb + " invoke [1]", cb + " success", cb + " invoke [1]", cb + " success");
    }

    private static ObjectNode statusOf(JsonNode err) {
        ObjectNode status = JSON.createObjectNode();
        if (err == null) {
            status.putNull("Ok");
        } else {
            status.set("Err", err);
        }
        return status;
    }
}
