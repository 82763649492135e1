package lotus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import lotus.store.SwapAttempts.State;
import lotus.time.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The swap journal's rules held by the database itself, on SQLite and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class SwapAttemptsTest {

    private static final long T0 = 1_767_225_600_000L;

    @Parameter
    TestDatabases.Kind kind;

    @TempDir
    Path tempDir;

    Database db;
    SimulatedClock clock;
    SwapAttempts attempts;
    ObjectNode quote;

    @BeforeEach
    void open() {
        db = TestDatabases.open(kind, tempDir);
        clock = SimulatedClock.manual(T0);
        attempts = new SwapAttempts(db, clock);
        new Orders(db, clock).recordIntent("0xintent", "solana", 7L, "entry",
                JsonNodeFactory.instance.objectNode().put("amount", "25000000"));
        quote = JsonNodeFactory.instance.objectNode().put("outAmount", "16198753").put("unknownField", 1);
    }

    @AfterEach
    void close() {
        TestDatabases.dispose(db);
    }

    @Test
    void anAttemptIsReadBackAsSignedWithEverythingARestartNeeds() {
        attempts.recordSigned("0xintent", 0, "sigA", 279_632_475L, "AQID", quote, 50);

        assertThat(attempts.of("0xintent")).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(State.SIGNED);
            assertThat(a.signature()).isEqualTo("sigA");
            assertThat(a.lastValidBlockHeight()).isEqualTo(279_632_475L);
            assertThat(a.transactionBase64()).isEqualTo("AQID");
            assertThat(a.quote()).isEqualTo(quote);
            assertThat(a.slippageBps()).isEqualTo(50);
            assertThat(a.createdAtMs()).isEqualTo(T0);
        });
    }

    @Test
    void aSecondAttemptWhileTheFirstMayStillLandIsRefusedByTheDatabase() {
        attempts.recordSigned("0xintent", 0, "sigA", 100, "AQID", quote, 50);
        assertThat(attempts.advance("sigA", State.SENT, null)).isTrue();

        assertThatThrownBy(() -> attempts.recordSigned("0xintent", 1, "sigB", 200, "AQIE", quote, 300))
                .isInstanceOf(StoreException.class);

        clock.advanceMs(90_000);
        assertThat(attempts.advance("sigA", State.EXPIRED, "block height exceeded")).isTrue();
        attempts.recordSigned("0xintent", 1, "sigB", 200, "AQIE", quote, 300);
        assertThat(attempts.of("0xintent")).extracting(SwapAttempts.Attempt::state)
                .containsExactly(State.EXPIRED, State.SIGNED);
        assertThat(attempts.of("0xintent").get(0).error()).isEqualTo("block height exceeded");
        assertThat(attempts.of("0xintent").get(0).updatedAtMs()).isEqualTo(T0 + 90_000);
    }

    @Test
    void aFinishedAttemptNeverChangesAgain() {
        attempts.recordSigned("0xintent", 0, "sigA", 100, "AQID", quote, 50);
        assertThat(attempts.advance("sigA", State.LANDED_OK, null)).isTrue();

        assertThat(attempts.advance("sigA", State.EXPIRED, "late watcher")).isFalse();
        assertThat(attempts.of("0xintent")).singleElement().extracting(SwapAttempts.Attempt::state)
                .isEqualTo(State.LANDED_OK);
    }

    @Test
    void aSignatureIsJournalledOnceAndOnlyUnderAJournalledIntent() {
        attempts.recordSigned("0xintent", 0, "sigA", 100, "AQID", quote, 50);
        attempts.advance("sigA", State.REJECTED, "BlockhashNotFound");

        assertThatThrownBy(() -> attempts.recordSigned("0xintent", 1, "sigA", 100, "AQID", quote, 50))
                .isInstanceOf(StoreException.class);
        assertThat(attempts.of("0xnone")).isEmpty();
    }
}
