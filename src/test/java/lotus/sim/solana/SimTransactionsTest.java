package lotus.sim.solana;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Base64;
import lotus.solana.common.Base58;
import lotus.solana.common.Mints;
import lotus.solana.tx.SolanaKeypair;
import lotus.solana.tx.TxSigner;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

class SimTransactionsTest {

    private static final SolanaKeypair WALLET = SolanaKeypair.fromSeed(new byte[32]);
    private static final String TOKEN = "7GCihgDB8fe6KNjn2MYtkzZcRjQy3t9GHdC8uHYmW2hr";

    @Test
    void theSignerSignsWhatTheSimulatorBuildsAndTheMessageIsUntouched() {
        byte[] unsigned = SimTransactions.unsignedV0(WALLET.address(), Mints.USDC, TOKEN,
                Base58.encode(new byte[32]), 400_000, 25_711, new byte[] {9, 9});
        TxSigner.Signed signed = TxSigner.sign(Base64.getEncoder().encodeToString(unsigned), WALLET);

        byte[] tx = signed.transaction();
        assertThat(SimTransactions.message(tx)).isEqualTo(SimTransactions.message(unsigned));
        assertThat(Base58.encode(SimTransactions.signature(tx))).isEqualTo(signed.signature());
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(WALLET.publicKey(), 0));
        byte[] message = SimTransactions.message(tx);
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(SimTransactions.signature(tx))).isTrue();
        assertThat(message[0]).isEqualTo((byte) 0x80);
    }

    @Test
    void aSwapGivesTheInputsUsdValueLessTheImpactInRawUnitsRoundedDown() {
        SolanaPrices prices = new FixedPrices(TOKEN, "0.002", 9, "9975");
        // $25 in: impact 25 / (9975 + 25) = 0.0025; 24.9375 USD / 0.002 = 12468.75 tokens = 12468750000000 raw.
        SimPricing.Out out = SimPricing.swap(prices, Mints.USDC, BigInteger.valueOf(25_000_000), TOKEN).orElseThrow();
        assertThat(out.priceImpact()).isEqualByComparingTo("0.0025");
        assertThat(out.amount()).isEqualTo(new BigInteger("12468750000000"));
        assertThat(SimPricing.swap(prices, Mints.USDC, BigInteger.TEN, Mints.USDT)).isEmpty();
    }
}
