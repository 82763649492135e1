package lotus.pm;

import java.util.Objects;
import lotus.engine.EngineState;
import lotus.learning.Scope;
import lotus.learning.StrandKind;

/** What the PM tells learning with a position's write: one strand of {@code ad_strands}, typed; the store encodes it. */
public sealed interface StrandEvent {

    StrandKind kind();

    Scope scope();

    long positionId();

    /** The engine changed state on the bar opening at {@code barOpenMs}. */
    record EngineTransition(Scope scope, long positionId, long barOpenMs, EngineState from, EngineState to,
            double price, String reason) implements StrandEvent {

        @Override
        public StrandKind kind() {
            return StrandKind.ENGINE_TRANSITION;
        }
    }

    /** A decision was executed (filled, skipped, refused, rejected or unknown). */
    record Execution(Scope scope, long positionId, ActionRecord action) implements StrandEvent {

        public Execution {
            Objects.requireNonNull(action, "action");
        }

        @Override
        public StrandKind kind() {
            return StrandKind.PM_EXECUTION;
        }
    }

    /** A trade closed; its scope carries the entry state and event learning keys lessons by. */
    record Closed(Scope scope, long positionId, TradeClosure.ClosedTrade trade) implements StrandEvent {

        public Closed {
            Objects.requireNonNull(trade, "trade");
        }

        @Override
        public StrandKind kind() {
            return StrandKind.POSITION_CLOSED;
        }
    }
}
