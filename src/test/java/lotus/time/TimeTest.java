package lotus.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeTest {

    @Test
    void floorsAreUtcBoundariesForRandomInstants() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long ms = random.nextLong(-86_400_000L * 3650, 86_400_000L * 36500);
            ZonedDateTime t = Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC);
            assertThat(Timeframe.M1.floor(ms)).isEqualTo(t.truncatedTo(ChronoUnit.MINUTES).toInstant().toEpochMilli());
            assertThat(Timeframe.H1.floor(ms)).isEqualTo(t.truncatedTo(ChronoUnit.HOURS).toInstant().toEpochMilli());
            assertThat(Timeframe.D1.floor(ms)).isEqualTo(t.truncatedTo(ChronoUnit.DAYS).toInstant().toEpochMilli());
            ZonedDateTime hour = t.truncatedTo(ChronoUnit.HOURS);
            assertThat(Timeframe.H4.floor(ms)).isEqualTo(hour.withHour(hour.getHour() / 4 * 4).toInstant().toEpochMilli());
            ZonedDateTime minute = t.truncatedTo(ChronoUnit.MINUTES);
            assertThat(Timeframe.M15.floor(ms))
                    .isEqualTo(minute.withMinute(minute.getMinute() / 15 * 15).toInstant().toEpochMilli());
            assertThat(Timeframe.M5.floor(ms))
                    .isEqualTo(minute.withMinute(minute.getMinute() / 5 * 5).toInstant().toEpochMilli());
        }
        assertThat(Timeframe.M5.closeTimeMs(600_000)).isEqualTo(900_000);
    }

    @Test
    void timeframeLabelsParseAndUnknownOnesSayWhatIsAccepted() {
        for (Timeframe tf : Timeframe.values()) {
            assertThat(Timeframe.parse(tf.label())).isEqualTo(tf);
        }
        assertThatThrownBy(() -> Timeframe.parse("2h")).hasMessage("unknown timeframe '2h'; accepted: 1m, 5m, 15m, 1h, 4h, 1d");
    }

    @Test
    void manualClockMovesOnlyWhenToldAndNeverBackwards() {
        SimulatedClock clock = SimulatedClock.manual(1000);
        assertThat(clock.nowMs()).isEqualTo(1000);
        clock.advanceMs(500);
        assertThat(clock.nowMs()).isEqualTo(1500);
        clock.setMs(2000);
        assertThat(clock.now()).isEqualTo(Instant.ofEpochMilli(2000));
        assertThatThrownBy(() -> clock.setMs(1999)).hasMessageContaining("backwards");
        assertThatThrownBy(() -> clock.advanceMs(-1)).hasMessageContaining("backwards");
        assertThat(Clock.fixed(42).nowMs()).isEqualTo(42);
    }

    @Test
    void acceleratedClockRunsSpeedTimesRealTime() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        SimulatedClock clock = SimulatedClock.accelerated(1_000_000, 60, nanos::get);
        assertThat(clock.nowMs()).isEqualTo(1_000_000);
        nanos.addAndGet(1_000_000_000L); // one real second
        assertThat(clock.nowMs()).isEqualTo(1_060_000);
        clock.setSpeed(0);
        nanos.addAndGet(10_000_000_000L);
        assertThat(clock.nowMs()).isEqualTo(1_060_000);
        clock.setSpeed(2);
        clock.advanceMs(1000);
        nanos.addAndGet(500_000_000L);
        assertThat(clock.nowMs()).isEqualTo(1_062_000);
        assertThatThrownBy(() -> clock.setSpeed(Double.NaN)).hasMessageContaining("finite");
    }

    @Test
    void acceleratedClockStandsStillAtItsStopUntilToldToRunOn() {
        AtomicLong nanos = new AtomicLong(0);
        SimulatedClock clock = SimulatedClock.accelerated(1_000_000, 60, nanos::get);
        clock.runUntil(1_030_000);
        nanos.addAndGet(250_000_000L); // 15 s simulated
        assertThat(clock.nowMs()).isEqualTo(1_015_000);
        assertThat(clock.stopped()).isFalse();
        nanos.addAndGet(10_000_000_000L); // far past the stop
        assertThat(clock.nowMs()).isEqualTo(1_030_000);
        assertThat(clock.stopped()).isTrue();
        clock.runUntil(1_090_000); // runs on from the stop, not from where real time would have put it
        nanos.addAndGet(500_000_000L);
        assertThat(clock.nowMs()).isEqualTo(1_060_000);
        assertThatThrownBy(() -> clock.runUntil(1_059_999)).hasMessageContaining("backwards");
        clock.setMs(1_200_000); // a jump clears the stop
        nanos.addAndGet(1_000_000_000L);
        assertThat(clock.nowMs()).isEqualTo(1_260_000);
        assertThat(clock.stopped()).isFalse();
    }
}
