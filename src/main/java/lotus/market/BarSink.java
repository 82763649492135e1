package lotus.market;

/** Receives bars from {@link BarRollup}, on the rollup's thread. */
@FunctionalInterface
public interface BarSink {

    /**
     * @param isFinal true once the bar's period has closed; a final bar may be emitted again, corrected, when a late
     *                trade arrives within the grace
     */
    void onBar(Bar bar, boolean isFinal);
}
