package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;

import lotus.hyperliquid.signing.Signer;
import org.junit.jupiter.api.Test;

/** One line of {@code lotus hl sign}: the vector's signature, and an error object for a bad line. */
class L1SignLinesTest {

    private static final Signer KEY =
            Signer.fromPrivateKey("0x0123456789012345678901234567890123456789012345678901234567890123");

    @Test
    void signsTheVectorsOrderAndReportsBadLinesWithoutStopping() {
        String order = "{\"action\":{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\",\"s\":\"100\","
                + "\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"},\"nonce\":0}";
        assertThat(new L1SignLines(KEY, true).sign(order, 1)).isEqualTo("{\"actionHash\":"
                + "\"0x884f2c32bb6dbdd65f6033e32fb28c0cb6f5b345db0f6471fd3366d85c9252c1\",\"signature\":{\"r\":"
                + "\"0xd65369825a9df5d80099e513cce430311d7d26ddf477f5b3a33d2806b100d78e\",\"s\":"
                + "\"0x2b54116ff64054968aa237c20ca9ff68000f977c93289157748a3162b6ea940e\",\"v\":28}}");
        assertThat(new L1SignLines(KEY, false).sign(order, 1)).contains(
                "\"r\":\"0x82b2ba28e76b3d761093aaded1b1cdad4960b3af30212b343fb2e6cdfa4e3d54\"", "\"v\":27");
        assertThat(new L1SignLines(KEY, true).sign("{\"nonce\":1}", 2))
                .isEqualTo("{\"error\":\"line 2: expected {\\\"action\\\":{...},\\\"nonce\\\":<integer>, ...}\"}");
        assertThat(new L1SignLines(KEY, true).sign("{\"action\":{\"p\":1.5},\"nonce\":1}", 3))
                .isEqualTo("{\"error\":\"line 3: floating-point number at action.p: use a decimal string\"}");
    }
}
