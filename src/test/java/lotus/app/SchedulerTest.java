package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import lotus.time.Clock;
import lotus.time.SimulatedClock;
import lotus.time.Timeframe;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z, a bar boundary of every timeframe
    private static final long MIN = 60_000L;

    record Fired(Timeframe tf, long barCloseMs, long atMs) {
    }

    @Test
    void nextFireIsTheNextBarClosePlusTheSettleDelay() {
        assertThat(Scheduler.nextFireMs(Timeframe.M1, T0, 2_000)).isEqualTo(T0 + 2_000);
        assertThat(Scheduler.nextFireMs(Timeframe.M1, T0 + 1_999, 2_000)).isEqualTo(T0 + 2_000);
        assertThat(Scheduler.nextFireMs(Timeframe.M1, T0 + 2_000, 2_000)).isEqualTo(T0 + MIN + 2_000);
        assertThat(Scheduler.nextFireMs(Timeframe.H1, T0 + 5 * MIN, 2_000)).isEqualTo(T0 + 60 * MIN + 2_000);
        assertThat(Scheduler.nextFireMs(Timeframe.M15, T0 + 14 * MIN, 0)).isEqualTo(T0 + 15 * MIN);
    }

    @Test
    void firesEachTimeframeAtItsBarClosesAfterTheSettleDelay() {
        SimulatedClock clock = SimulatedClock.manual(T0 + 10_000);
        List<Fired> fired = new CopyOnWriteArrayList<>();
        try (Scheduler s = new Scheduler(clock, Duration.ofSeconds(2), Set.of(Timeframe.M1, Timeframe.M5), (tf, close) ->
                fired.add(new Fired(tf, close, clock.nowMs())))) {
            s.start();
            for (int i = 0; i < 10; i++) {
                clock.advanceMs(MIN / 2);
                int expected = (i + 1) / 2; // one M1 fire per two half-minute steps, the first at T0 + 62 s
                await().atMost(Duration.ofSeconds(5)).until(() -> fired.stream()
                        .filter(f -> f.tf() == Timeframe.M1).count() >= expected);
            }
            clock.advanceMs(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> fired.stream()
                    .filter(f -> f.tf() == Timeframe.M5).count() >= 1);
            assertThat(fired.stream().filter(f -> f.tf() == Timeframe.M1).map(Fired::barCloseMs).toList())
                    .containsExactly(T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN, T0 + 4 * MIN, T0 + 5 * MIN);
            assertThat(fired.stream().filter(f -> f.tf() == Timeframe.M5).map(Fired::barCloseMs).toList())
                    .containsExactly(T0 + 5 * MIN);
            // Never before the settle delay has passed.
            assertThat(fired).allSatisfy(f -> assertThat(f.atMs()).isGreaterThanOrEqualTo(f.barCloseMs() + 2_000));
            assertThat(s.stats(Timeframe.M1)).isEqualTo(new Scheduler.Stats(5, 0, 0, 0));
        }
    }

    @Test
    void anOverrunIsReportedAndTheMissedTicksAreSkippedNotQueuedOrOverlapped() {
        SimulatedClock clock = SimulatedClock.manual(T0);
        List<Long> closes = new CopyOnWriteArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        try (Scheduler s = new Scheduler(clock, Duration.ZERO, Set.of(Timeframe.M1), (tf, close) -> {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                closes.add(close);
                if (close == T0 + MIN) {
                    clock.advanceMs(2 * MIN + MIN / 2); // this tick takes two and a half bars
                }
                if (close == T0 + 5 * MIN) {
                    throw new IllegalStateException("a failing tick");
                }
            } finally {
                inside.decrementAndGet();
            }
        })) {
            s.start();
            clock.advanceMs(MIN);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.stats(Timeframe.M1).overruns() == 1);
            for (int i = 0; i < 3; i++) {
                clock.advanceMs(MIN);
                int expected = 2 + i;
                await().atMost(Duration.ofSeconds(5)).until(() -> closes.size() >= expected);
            }
            // Bars 2 and 3 closed while bar 1's tick ran: skipped. Bar 4's tick is next, then 5 (fails), then 6.
            assertThat(closes).containsExactly(T0 + MIN, T0 + 4 * MIN, T0 + 5 * MIN, T0 + 6 * MIN);
            assertThat(s.stats(Timeframe.M1)).isEqualTo(new Scheduler.Stats(4, 1, 2, 1));
            assertThat(maxInside.get()).isEqualTo(1);
        }
    }

    /**
     * close() arriving after a tick's thread has woken and decided to tick, but before the tick registered itself,
     * must not interrupt the tick. The test clock holds the tick thread at its first clock read after the wait (the
     * scheduler reads the tick's start time there) until close() has had its chance to interrupt it.
     */
    @RepeatedTest(3)
    void closeDuringATicksStartNeverInterruptsTheTick() throws Exception {
        SimulatedClock sim = SimulatedClock.manual(T0 + 10_000);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        ThreadLocal<Boolean> woke = ThreadLocal.withInitial(() -> false);
        Clock clock = new Clock() {
            @Override
            public long nowMs() {
                if (woke.get()) {
                    woke.set(false);
                    held.countDown();
                    long until = System.nanoTime() + 150_000_000L;
                    while (!Thread.currentThread().isInterrupted() && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                return sim.nowMs();
            }

            @Override
            public void sleepUntil(long epochMs) throws InterruptedException {
                sim.sleepUntil(epochMs);
                woke.set(true);
            }
        };
        List<Boolean> interrupted = new CopyOnWriteArrayList<>();
        Scheduler s = new Scheduler(clock, Duration.ZERO, Set.of(Timeframe.M1),
                (tf, close) -> interrupted.add(Thread.currentThread().isInterrupted()));
        s.start();
        sim.advanceMs(MIN);
        assertThat(held.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        s.close();
        assertThat(interrupted).containsExactly(false);
    }
}
