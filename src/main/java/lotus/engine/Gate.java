package lotus.engine;

/**
 * One condition the engine checked on a bar, kept so an operator can see why it did or did not act: for example
 * {@code s1.near_ema60} with value |price − EMA60| and limit 1.0×ATR.
 *
 * @param value the measured quantity (1/0 for a plain boolean condition)
 * @param limit what it was compared with (NaN when the gate is a plain boolean)
 */
public record Gate(String name, boolean passed, double value, double limit) {
}
