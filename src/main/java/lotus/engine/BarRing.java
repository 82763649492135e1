package lotus.engine;

/**
 * A growable ring of (bar index, value, kind) entries, used as a queue or a monotonic deque by {@link SrTracker}:
 * its size follows what it holds (a few hundred entries on most series) rather than the 9999-bar window.
 */
final class BarRing {

    private int[] index = new int[16];
    private double[] value = new double[16];
    private byte[] kind = new byte[16];
    /** Running counters; slots are counter & (capacity − 1). */
    private int head;
    private int tail;

    boolean isEmpty() {
        return head == tail;
    }

    void pushBack(int i, double v, byte k) {
        if (tail - head == index.length) {
            grow();
        }
        int s = tail++ & (index.length - 1);
        index[s] = i;
        value[s] = v;
        kind[s] = k;
    }

    void popBack() {
        tail--;
    }

    void popFront() {
        head++;
    }

    int frontIndex() {
        return index[head & (index.length - 1)];
    }

    double frontValue() {
        return value[head & (index.length - 1)];
    }

    byte frontKind() {
        return kind[head & (index.length - 1)];
    }

    double backValue() {
        return value[(tail - 1) & (index.length - 1)];
    }

    private void grow() {
        int n = tail - head;
        int cap = 2 * index.length;
        int[] i2 = new int[cap];
        double[] v2 = new double[cap];
        byte[] k2 = new byte[cap];
        for (int c = 0; c < n; c++) {
            int s = (head + c) & (index.length - 1);
            i2[c] = index[s];
            v2[c] = value[s];
            k2[c] = kind[s];
        }
        index = i2;
        value = v2;
        kind = k2;
        head = 0;
        tail = n;
    }
}
