package lotus.engine;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The gates of one bar as {@link UptrendRules} collects them, handed to {@link EngineOutput} as they are: the array
 * is never written after construction, so the output need not copy it (a copy per bar was ~8 % of the engine).
 */
final class GateList extends AbstractList<Gate> implements RandomAccess {

    private final Gate[] gates;
    private final int size;

    /** The first {@code size} entries of {@code gates}, which the caller no longer writes and are not null. */
    GateList(Gate[] gates, int size) {
        Objects.checkFromToIndex(0, size, gates.length);
        this.gates = gates;
        this.size = size;
    }

    @Override
    public Gate get(int index) {
        Objects.checkIndex(index, size);
        return gates[index];
    }

    @Override
    public int size() {
        return size;
    }
}
