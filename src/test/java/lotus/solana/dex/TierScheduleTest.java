package lotus.solana.dex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The deterministic tier schedule (SOLANA.md §2.6). */
class TierScheduleTest {

    @Test
    void theIntervalGrowsByOneMinuteEveryTierOfTokens() {
        assertThat(TierSchedule.interval(0, 250)).isEqualTo(1);
        assertThat(TierSchedule.interval(250, 250)).isEqualTo(1);
        assertThat(TierSchedule.interval(251, 250)).isEqualTo(2);
        assertThat(TierSchedule.interval(500, 250)).isEqualTo(2);
        assertThat(TierSchedule.interval(501, 250)).isEqualTo(3);
        assertThat(TierSchedule.interval(7_500, 7_500)).isEqualTo(1);
        assertThatThrownBy(() -> TierSchedule.interval(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSlotIsTheDigestsFirstEightBytesUnsignedModuloTheInterval() throws Exception {
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < 500; i++) {
            String mint = Long.toString(r.nextLong(), 36) + "pump";
            int k = 1 + r.nextInt(40);
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("solana:" + mint).getBytes(StandardCharsets.UTF_8));
            int expected = new BigInteger(1, Arrays.copyOf(d, 8)).mod(BigInteger.valueOf(k)).intValueExact();
            assertThat(TierSchedule.slot(mint, k)).as(mint + " k=" + k).isEqualTo(expected);
        }
    }

    @Test
    void everyTokenIsDueExactlyOnceInAnyIntervalOfMinutesWhateverTheStart() {
        int k = TierSchedule.interval(600, 250);
        assertThat(k).isEqualTo(3);
        long start = TierSchedule.cycle(1_767_225_602_000L); // second 2 of a minute
        assertThat(start).isEqualTo(29_453_760L);
        for (int t = 0; t < 600; t++) {
            String mint = "Mint" + t;
            for (long from = start; from < start + 5; from++) {
                int due = 0;
                for (long c = from; c < from + k; c++) {
                    due += TierSchedule.due(mint, c, k) ? 1 : 0;
                }
                assertThat(due).as(mint).isEqualTo(1);
            }
        }
    }
}
