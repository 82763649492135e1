package lotus.engine;

/** EDX, the S3 trend-decay score of STRATEGY.md §2, over the bars of one S3 episode. */
public final class Edx {

    /** An episode's most recent bars EDX looks at (fix: the older system took the first 500). */
    public static final int MAX_BARS = 500;

    private Edx() {
    }

    /**
     * EDX over the S3 episode's bars {@code [from, to)} of the arrays (oldest first; the caller passes at most the
     * last {@link #MAX_BARS}); 0.5 when fewer than 10.
     */
    public static double edx(double[] high, double[] low, double[] close, double[] volume, int from, int to) {
        throw new UnsupportedOperationException("Edx.edx: being written");
    }
}
