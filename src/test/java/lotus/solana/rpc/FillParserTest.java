package lotus.solana.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lotus.solana.common.Mints;
import org.junit.jupiter.api.Test;

/** The actual fill from a landed swap's meta (SOLANA.md §4.7), on hand-built metas and seeded random ones. */
class FillParserTest {

    private static final String WALLET = "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS";
    private static final String POOL = "9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM";
    private static final String TOKEN = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";
    private static final String OTHER = "DezXAZ8z7PnrnRJjz3wXBoRgixCa6xjnB7YaB1pPB263";
    private static final String TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
    private static final String TOKEN_2022 = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb";
    private static final long RENT = 2_039_280;

    private static TokenBalance tb(int index, String mint, String owner, long amount, int decimals) {
        return new TokenBalance(index, mint, owner, TOKEN_PROGRAM, BigInteger.valueOf(amount), decimals);
    }

    @Test
    void aBuyIntoANewTokenAccountCountsNoPreEntryAsZeroAndReportsItsRent() {
        // index 0 wallet, 1 wallet's USDC account, 2 wallet's new TOKEN account, 3 and 4 the pool's vaults.
        TxMeta meta = new TxMeta(500, 1_700_000_000L, null, 15_000,
                List.of(1_000_000_000L, RENT, 0L, RENT, RENT),
                List.of(1_000_000_000L - 15_000 - RENT, RENT, RENT, RENT, RENT),
                List.of(tb(1, Mints.USDC, WALLET, 30_000_000, 6), tb(3, Mints.USDC, POOL, 9_000_000_000L, 6),
                        tb(4, TOKEN, POOL, 800_000_000_000L, 9)),
                List.of(tb(1, Mints.USDC, WALLET, 5_000_000, 6), tb(2, TOKEN, WALLET, 12_468_750_000L, 9),
                        tb(3, Mints.USDC, POOL, 9_025_000_000L, 6), tb(4, TOKEN, POOL, 787_531_250_000L, 9)));

        Fill fill = FillParser.parse(meta, WALLET, Mints.USDC, TOKEN);

        assertThat(fill).isEqualTo(new Fill(BigInteger.valueOf(25_000_000), 6, BigInteger.valueOf(12_468_750_000L),
                9, 15_000, RENT));
        assertThat(fill.spent()).isEqualByComparingTo("25");
        assertThat(fill.received()).isEqualByComparingTo("12.46875");
    }

    @Test
    void aSellThatClosesTheTokenAccountCountsNoPostEntryAsZero() {
        TxMeta meta = new TxMeta(501, null, null, 5_000, List.of(50_000_000L, RENT, RENT),
                List.of(50_000_000L - 5_000 + RENT, 0L, RENT),
                List.of(tb(1, TOKEN, WALLET, 7_000_000_000L, 9), tb(2, Mints.USDC, WALLET, 1_000_000, 6)),
                List.of(tb(2, Mints.USDC, WALLET, 14_500_000, 6)));

        Fill fill = FillParser.parse(meta, WALLET, TOKEN, Mints.USDC);

        assertThat(fill).isEqualTo(new Fill(BigInteger.valueOf(7_000_000_000L), 9, BigInteger.valueOf(13_500_000),
                6, 5_000, 0));
    }

    @Test
    void theSolLegComesFromThePayersLamportsPlusFeeAndRentLocked() {
        // Buy TOKEN with 0.25 SOL through the invisible temporary WSOL account; TOKEN's account is created.
        long fee = 5_000 + 9_999;
        long spentLamports = 250_000_000;
        long pre = 2_000_000_000L;
        TxMeta buy = new TxMeta(600, 1L, null, fee, List.of(pre, 0L), List.of(pre - spentLamports - fee - RENT, RENT),
                List.of(), List.of(tb(1, TOKEN, WALLET, 42_000, 6)));

        assertThat(FillParser.parse(buy, WALLET, Mints.WSOL, TOKEN)).isEqualTo(new Fill(
                BigInteger.valueOf(spentLamports), 9, BigInteger.valueOf(42_000), 6, fee, RENT));

        // Sell it back for 0.2 SOL: the payer gains the proceeds less the fee.
        TxMeta sell = new TxMeta(601, 2L, null, 5_000, List.of(pre, RENT), List.of(pre + 200_000_000 - 5_000, RENT),
                List.of(tb(1, TOKEN, WALLET, 42_000, 6)), List.of(tb(1, TOKEN, WALLET, 0, 6)));

        assertThat(FillParser.parse(sell, WALLET, TOKEN, Mints.WSOL)).isEqualTo(new Fill(BigInteger.valueOf(42_000),
                6, BigInteger.valueOf(200_000_000), 9, 5_000, 0));
    }

    @Test
    void aToken2022TransferFeeShortfallIsWhatArrivesNotWhatWasQuoted() {
        // The quote said 1_000_000; a 1 % transfer fee delivers 990_000 to the wallet and withholds the rest.
        TxMeta meta = new TxMeta(700, 3L, null, 5_000, List.of(10_000_000L, RENT, RENT),
                List.of(10_000_000L - 5_000, RENT, RENT),
                List.of(new TokenBalance(1, Mints.USDC, WALLET, TOKEN_PROGRAM, BigInteger.valueOf(2_000_000), 6),
                        new TokenBalance(2, OTHER, WALLET, TOKEN_2022, BigInteger.valueOf(10), 5)),
                List.of(new TokenBalance(1, Mints.USDC, WALLET, TOKEN_PROGRAM, BigInteger.valueOf(1_000_000), 6),
                        new TokenBalance(2, OTHER, WALLET, TOKEN_2022, BigInteger.valueOf(990_010), 5)));

        Fill fill = FillParser.parse(meta, WALLET, Mints.USDC, OTHER);

        assertThat(fill.receivedRaw()).isEqualTo(BigInteger.valueOf(990_000));
        assertThat(fill.received()).isEqualByComparingTo("9.9");
        assertThat(fill.spentRaw()).isEqualTo(BigInteger.valueOf(1_000_000));
    }

    @Test
    void aFailedSwapMovesNothingButTheFee() throws Exception {
        JsonNode err = new ObjectMapper().readTree("{\"InstructionError\":[2,{\"Custom\":6001}]}");
        TxMeta meta = new TxMeta(800, 4L, err, 5_000, List.of(10_000_000L, RENT), List.of(9_995_000L, RENT),
                List.of(tb(1, Mints.USDC, WALLET, 3_000_000, 6)), List.of(tb(1, Mints.USDC, WALLET, 3_000_000, 6)));

        assertThat(FillParser.parse(meta, WALLET, Mints.USDC, TOKEN)).isEqualTo(new Fill(BigInteger.ZERO, 6,
                BigInteger.ZERO, 0, 5_000, 0));
        assertThat(FillParser.parse(meta, WALLET, Mints.USDC, Mints.WSOL).receivedRaw()).isEqualTo(BigInteger.ZERO);
    }

    /**
     * Random metas built from a known truth (what the wallet spent and received, the fee, the accounts created and
     * closed, other owners' accounts of the same mints shuffled in): the parser must recover the truth, and the token
     * legs must agree with a naive per-account join of pre and post.
     */
    @Test
    void seededRandomMetasGiveBackTheFillTheyWereBuiltFrom() {
        for (long seed = 1; seed <= 500; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            boolean solIn = rnd.nextInt(3) == 0;
            boolean solOut = !solIn && rnd.nextInt(3) == 0;
            String in = solIn ? Mints.WSOL : Mints.USDC;
            String out = solOut ? Mints.WSOL : TOKEN;
            long spent = rnd.nextLong(1, 1_000_000_000_000L);
            long received = rnd.nextLong(0, 1_000_000_000_000L);
            long fee = 5_000 + rnd.nextLong(0, 1_000_000);
            List<Long> pre = new ArrayList<>();
            List<Long> post = new ArrayList<>();
            List<TokenBalance> preT = new ArrayList<>();
            List<TokenBalance> postT = new ArrayList<>();
            long payer = 10_000_000_000_000L + rnd.nextLong(0, 1_000_000_000);
            pre.add(payer);
            post.add(payer); // fixed below
            long rent = 0;
            long solDelta = -fee;
            for (String mint : List.of(in, out)) {
                if (mint.equals(Mints.WSOL)) {
                    solDelta += mint.equals(in) ? -spent : received;
                    continue;
                }
                long change = mint.equals(in) ? -spent : received;
                int kind = rnd.nextInt(3); // 0 existing, 1 created here, 2 closed here (only when emptied)
                long before = mint.equals(in) ? spent + (kind == 2 ? 0 : rnd.nextLong(0, 1_000_000)) : 0;
                int index = pre.size();
                int dec = mint.equals(Mints.USDC) ? 6 : 9;
                if (kind == 1 && mint.equals(out)) {
                    pre.add(0L);
                    post.add(RENT);
                    rent += RENT;
                    solDelta -= RENT;
                    postT.add(tb(index, mint, WALLET, received, dec));
                } else if (kind == 2 && mint.equals(in)) {
                    pre.add(RENT);
                    post.add(0L);
                    preT.add(tb(index, mint, WALLET, before, dec));
                } else {
                    pre.add(RENT);
                    post.add(RENT);
                    preT.add(tb(index, mint, WALLET, before, dec));
                    postT.add(tb(index, mint, WALLET, before + change, dec));
                }
                // Someone else's account of the same mint moves too (the pool's vault).
                int vault = pre.size();
                long v = rnd.nextLong(1_000_000_000_000L, 2_000_000_000_000L);
                pre.add(RENT);
                post.add(RENT);
                preT.add(tb(vault, mint, POOL, v, dec));
                postT.add(tb(vault, mint, POOL, v - change, dec));
            }
            post.set(0, payer + solDelta);
            java.util.Collections.shuffle(preT, new java.util.Random(seed));
            java.util.Collections.shuffle(postT, new java.util.Random(seed + 1));
            TxMeta meta = new TxMeta(seed, null, null, fee, pre, post, preT, postT);

            Fill fill = FillParser.parse(meta, WALLET, in, out);

            String why = "seed " + seed;
            assertThat(fill.spentRaw()).as(why).isEqualTo(BigInteger.valueOf(spent));
            assertThat(fill.receivedRaw()).as(why).isEqualTo(BigInteger.valueOf(received));
            assertThat(fill.feeLamports()).as(why).isEqualTo(fee);
            assertThat(fill.rentLamports()).as(why).isEqualTo(rent);
            if (!solIn) {
                assertThat(fill.spentRaw()).as(why).isEqualTo(naiveLeg(meta, in).negate());
            }
            if (!solOut) {
                assertThat(fill.receivedRaw()).as(why).isEqualTo(naiveLeg(meta, out));
            }
        }
    }

    /** Per account index: post − pre of the wallet's entries of {@code mint}, a missing side counting 0. */
    private static BigInteger naiveLeg(TxMeta meta, String mint) {
        Map<Integer, BigInteger> pre = new HashMap<>();
        Map<Integer, BigInteger> post = new HashMap<>();
        meta.preTokenBalances().stream().filter(b -> b.mint().equals(mint) && WALLET.equals(b.owner()))
                .forEach(b -> pre.put(b.accountIndex(), b.amount()));
        meta.postTokenBalances().stream().filter(b -> b.mint().equals(mint) && WALLET.equals(b.owner()))
                .forEach(b -> post.put(b.accountIndex(), b.amount()));
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < meta.preBalances().size(); i++) {
            total = total.add(post.getOrDefault(i, BigInteger.ZERO)).subtract(pre.getOrDefault(i, BigInteger.ZERO));
        }
        return total;
    }
}
