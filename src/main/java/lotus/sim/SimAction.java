package lotus.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import lotus.hyperliquid.exchange.ExchangeActions;

/**
 * An {@code /exchange} action the simulator executes, parsed from the request and rebuilt in canonical form with
 * {@link ExchangeActions}: {@link #canonical()} is what the signature must cover (HYPERLIQUID.md §6.1, §7).
 */
sealed interface SimAction {

    /** The action as the venue hashes it: keys in signed order, canonical decimal strings. */
    ObjectNode canonical();

    /** Orders or cancels in the action (the n of the {@code 1 + floor(n/40)} weight); 0 for the others. */
    default int size() {
        return 0;
    }

    record PlaceOrders(List<ExchangeActions.Order> orders, ObjectNode canonical) implements SimAction {
        public PlaceOrders {
            orders = List.copyOf(orders);
        }

        @Override
        public int size() {
            return orders.size();
        }
    }

    record Cancel(List<OrderRef> cancels, ObjectNode canonical) implements SimAction {
        public Cancel {
            cancels = List.copyOf(cancels);
        }

        @Override
        public int size() {
            return cancels.size();
        }
    }

    record CancelByCloid(List<CloidRef> cancels, ObjectNode canonical) implements SimAction {
        public CancelByCloid {
            cancels = List.copyOf(cancels);
        }

        @Override
        public int size() {
            return cancels.size();
        }
    }

    record UpdateLeverage(int asset, boolean isCross, int leverage, ObjectNode canonical) implements SimAction {
    }

    /** @param timeMs null clears the dead man's switch */
    record ScheduleCancel(Long timeMs, ObjectNode canonical) implements SimAction {
    }

    record OrderRef(int asset, long oid) {
    }

    record CloidRef(int asset, String cloid) {
    }
}
