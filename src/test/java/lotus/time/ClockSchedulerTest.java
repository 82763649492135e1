package lotus.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waits on the clock, and the threads of a service: stepping at clock times, closing without cutting a step short. */
class ClockSchedulerTest {

    private static final long T0 = 1_767_225_600_000L;

    @Test
    void aSleeperOnAManualClockWakesWhenTheClockIsAdvancedNotBefore() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        CountDownLatch woke = new CountDownLatch(1);
        Thread sleeper = Thread.ofPlatform().daemon().start(() -> {
            try {
                clock.sleepUntil(T0 + 60_000);
                woke.countDown();
            } catch (InterruptedException e) {
                // the test ends it
            }
        });
        clock.advanceMs(59_999);
        assertThat(woke.await(100, TimeUnit.MILLISECONDS)).isFalse();
        long advancedAt = System.nanoTime();
        clock.advanceMs(1);
        assertThat(woke.await(2, TimeUnit.SECONDS)).isTrue();
        assertThat(System.nanoTime() - advancedAt).isLessThan(1_000_000_000L);
        sleeper.join(1_000);
    }

    @Test
    void aSleeperOnAnAcceleratedClockWakesAtItsTimeAndStandsWithAStop() throws Exception {
        SimulatedClock clock = SimulatedClock.accelerated(T0, 1_000);
        long start = System.nanoTime();
        clock.sleepUntil(T0 + 50_000); // 50 ms of real time
        assertThat(clock.nowMs()).isGreaterThanOrEqualTo(T0 + 50_000);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(45_000_000L);

        clock.runUntil(clock.nowMs() + 1_000);
        CountDownLatch woke = new CountDownLatch(1);
        long target = clock.nowMs() + 5_000;
        Thread.ofPlatform().daemon().start(() -> {
            try {
                clock.sleepUntil(target);
                woke.countDown();
            } catch (InterruptedException e) {
                // the test ends it
            }
        });
        assertThat(woke.await(200, TimeUnit.MILLISECONDS)).as("held at the stop").isFalse();
        clock.runUntil(Long.MAX_VALUE);
        assertThat(woke.await(2, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void repeatStepsAtTheClockTimesItReturns() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        List<Long> steps = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        try (ClockScheduler threads = new ClockScheduler(clock, Duration.ofSeconds(5))) {
            threads.repeat("t", T0 + 10, at -> {
                steps.add(at);
                three.countDown();
                return steps.size() == 3 ? ClockScheduler.STOP : at + 10;
            });
            for (int i = 0; i < 3; i++) {
                clock.advanceMs(10);
                int expected = i + 1;
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (steps.size() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            }
            assertThat(three.await(2, TimeUnit.SECONDS)).isTrue();
            assertThat(steps).containsExactly(T0 + 10, T0 + 20, T0 + 30);
            assertThat(threads.awaitDone(Duration.ofSeconds(2))).as("STOP ends the thread").isTrue();
        }
    }

    @Test
    void closeInterruptsWaitsAndLoopsButLetsARunningStepFinish() throws Exception {
        SimulatedClock clock = SimulatedClock.manual(T0);
        CountDownLatch inStep = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        ClockScheduler threads = new ClockScheduler(clock, Duration.ofSeconds(5));
        threads.repeat("waiting", T0 + 60_000, at -> {
            events.add("a waiting step ran");
            return ClockScheduler.STOP;
        });
        threads.repeat("stepping", T0, at -> {
            inStep.countDown();
            long until = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            events.add(Thread.currentThread().isInterrupted() ? "step interrupted" : "step finished");
            return at + 1; // due at once: only the close can stop it
        });
        threads.loop("loop", () -> {
            try {
                Thread.sleep(60_000);
            } finally {
                events.add("loop interrupted");
            }
        });
        assertThat(inStep.await(2, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        threads.close();
        assertThat(System.nanoTime() - start).isLessThan(3_000_000_000L);
        assertThat(events).containsExactlyInAnyOrder("step finished", "loop interrupted");
        threads.close(); // idempotent
        assertThatThrownBy(() -> threads.loop("late", () -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSystemClockSleepsUntilItsTime() throws Exception {
        Clock clock = Clock.system();
        long target = clock.nowMs() + 30;
        clock.sleepUntil(target);
        assertThat(clock.nowMs()).isGreaterThanOrEqualTo(target);
    }
}
