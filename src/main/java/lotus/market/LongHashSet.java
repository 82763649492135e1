package lotus.market;

import java.util.Arrays;

/** An open-addressing set of longs: trade-id dedupe without boxing on the rollup's hot path. */
final class LongHashSet {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] slots;
    private int size;
    private boolean containsEmptyMarker;

    LongHashSet(int expected) {
        slots = new long[tableSize(expected)];
        Arrays.fill(slots, EMPTY);
    }

    boolean contains(long value) {
        if (value == EMPTY) {
            return containsEmptyMarker;
        }
        int mask = slots.length - 1;
        for (int i = mix(value) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == value) {
                return true;
            }
            if (slot == EMPTY) {
                return false;
            }
        }
    }

    /** Returns false when the value was already present. */
    boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !containsEmptyMarker;
            containsEmptyMarker = true;
            return added;
        }
        int mask = slots.length - 1;
        for (int i = mix(value) & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == value) {
                return false;
            }
            if (slot == EMPTY) {
                slots[i] = value;
                if (++size * 2 > slots.length) {
                    grow();
                }
                return true;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, EMPTY);
        int mask = slots.length - 1;
        for (long value : old) {
            if (value != EMPTY) {
                int i = mix(value) & mask;
                while (slots[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                slots[i] = value;
            }
        }
    }

    private static int mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private static int tableSize(int expected) {
        int n = 16;
        while (n < expected * 2) {
            n <<= 1;
        }
        return n;
    }
}
