package lotus.pm;

import java.util.concurrent.atomic.LongAdder;

/** Nanoseconds spent per phase across the positions of one tick (modules may run in parallel). */
final class PhaseTimes {

    final LongAdder read = new LongAdder();
    final LongAdder engine = new LongAdder();
    final LongAdder plan = new LongAdder();
    final LongAdder execute = new LongAdder();
    final LongAdder write = new LongAdder();
    final LongAdder writeWait = new LongAdder();

    TickReport.Timings timings(long totalNs) {
        return new TickReport.Timings(totalNs, read.sum(), engine.sum(), plan.sum(), execute.sum(), write.sum(),
                writeWait.sum());
    }
}
