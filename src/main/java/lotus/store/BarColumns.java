package lotus.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import lotus.market.Bar;
import lotus.time.Timeframe;

/**
 * One series' bars (one token, chain and timeframe, oldest first) held as primitive columns, for a backtest that holds
 * millions: the open time and each price's and the volume's decimal as an unscaled {@code long} and a scale, about
 * 53 bytes a bar where {@link Bar} objects with their five {@link BigDecimal}s take a few hundred. A {@link Bar} is
 * built only for the index asked, with the very decimals stored (same unscaled value and scale), so accounting and
 * paper fills see exactly what the table holds; a decimal too wide for a long is kept as it is, on the side.
 */
public final class BarColumns {

    /** Bytes a bar takes in the columns: open time, five unscaled longs, five scales (trade counts only if any). */
    public static final int BYTES_PER_BAR = Long.BYTES + 5 * Long.BYTES + 5;

    private static final int FIELDS = 5;

    private final String token;
    private final String chain;
    private final Timeframe timeframe;
    private final long[] opens;
    /** Open, high, low, close, volume of bar i at {@code i * 5 + field}. */
    private final long[] unscaled;
    private final byte[] scales;
    /** Null when every count is 0 (stored bars carry none). */
    private final int[] trades;
    /** Decimals whose unscaled value or scale does not fit, by {@code i * 5 + field}. */
    private final Map<Integer, BigDecimal> wide;
    private final int size;

    private BarColumns(Builder b) {
        this.token = b.token;
        this.chain = b.chain;
        this.timeframe = b.timeframe;
        this.size = b.size;
        this.opens = Arrays.copyOf(b.opens, b.size);
        this.unscaled = Arrays.copyOf(b.unscaled, b.size * FIELDS);
        this.scales = Arrays.copyOf(b.scales, b.size * FIELDS);
        this.trades = b.anyTrades ? Arrays.copyOf(b.trades, b.size) : null;
        this.wide = b.wide.isEmpty() ? Map.of() : Map.copyOf(b.wide);
    }

    /** The columns of {@code bars}, one series in strictly increasing open time. */
    public static BarColumns of(List<Bar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("no bars to hold");
        }
        Bar first = bars.get(0);
        Builder b = new Builder(first.tokenContract(), first.chain(), first.timeframe(), bars.size());
        for (Bar bar : bars) {
            if (!bar.tokenContract().equals(first.tokenContract()) || !bar.chain().equals(first.chain())
                    || bar.timeframe() != first.timeframe()) {
                throw new IllegalArgumentException("one series per call: " + first + " and " + bar);
            }
            b.append(bar.openTimeMs(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(),
                    bar.tradeCount());
        }
        return b.build();
    }

    public String token() {
        return token;
    }

    public String chain() {
        return chain;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int size() {
        return size;
    }

    public long openTimeMs(int i) {
        return opens[i];
    }

    /** Index of the first bar opening at or after {@code ms}. */
    public int lowerBound(long ms) {
        int i = Arrays.binarySearch(opens, 0, size, ms);
        return i >= 0 ? i : -i - 1;
    }

    /** Bar {@code i}, built now from the columns. */
    public Bar bar(int i) {
        int at = i * FIELDS;
        return new Bar(token, chain, timeframe, opens[i], decimal(at), decimal(at + 1), decimal(at + 2),
                decimal(at + 3), decimal(at + 4), trades == null ? 0 : trades[i]);
    }

    private BigDecimal decimal(int at) {
        byte scale = scales[at];
        if (scale == Byte.MIN_VALUE) {
            return wide.get(at);
        }
        return BigDecimal.valueOf(unscaled[at], scale);
    }

    /** Bars {@code [from, to)} as a list that builds each bar when it is read. */
    public List<Bar> view(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("[" + from + ", " + to + ") of " + size);
        }
        return from == to ? List.of() : new View(this, from, to);
    }

    /** Every bar, as {@link #view}. */
    public List<Bar> asList() {
        return view(0, size);
    }

    /** Bytes the columns take ({@link #BYTES_PER_BAR} a bar, plus trade counts and wide decimals if any). */
    public long bytes() {
        return (long) size * BYTES_PER_BAR + (trades == null ? 0 : (long) size * Integer.BYTES) + wide.size() * 64L;
    }

    private static final class View extends AbstractList<Bar> implements RandomAccess {
        private final BarColumns columns;
        private final int from;
        private final int size;

        View(BarColumns columns, int from, int to) {
            this.columns = columns;
            this.from = from;
            this.size = to - from;
        }

        @Override
        public Bar get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException(index);
            }
            return columns.bar(from + index);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public List<Bar> subList(int fromIndex, int toIndex) {
            if (fromIndex < 0 || toIndex > size || fromIndex > toIndex) {
                throw new IndexOutOfBoundsException("[" + fromIndex + ", " + toIndex + ") of " + size);
            }
            return columns.view(from + fromIndex, from + toIndex);
        }
    }

    /** Appends bars of one series in strictly increasing open time. */
    public static final class Builder {
        private final String token;
        private final String chain;
        private final Timeframe timeframe;
        private long[] opens;
        private long[] unscaled;
        private byte[] scales;
        private int[] trades;
        private boolean anyTrades;
        private final Map<Integer, BigDecimal> wide = new HashMap<>();
        private int size;

        public Builder(String token, String chain, Timeframe timeframe, int expected) {
            this.token = token;
            this.chain = chain;
            this.timeframe = timeframe;
            int n = Math.max(16, expected);
            opens = new long[n];
            unscaled = new long[n * FIELDS];
            scales = new byte[n * FIELDS];
            trades = new int[n];
        }

        public int size() {
            return size;
        }

        /** Appends a bar given as decimals; the OHLC checks are {@link Bar}'s, run on the bar built here. */
        public Builder add(long openMs, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                BigDecimal volume, int tradeCount) {
            new Bar(token, chain, timeframe, openMs, open, high, low, close, volume, tradeCount);
            return append(openMs, open, high, low, close, volume, tradeCount);
        }

        private Builder append(long openMs, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                BigDecimal volume, int tradeCount) {
            int at = next(openMs, tradeCount);
            put(at, open);
            put(at + 1, high);
            put(at + 2, low);
            put(at + 3, close);
            put(at + 4, volume);
            return this;
        }

        /**
         * Appends a bar whose decimals are the texts a table stores ({@code toPlainString}), each read as
         * {@code new BigDecimal(text)} would read it, without building one for the plain ones that fit a long.
         */
        public Builder addText(long openMs, String open, String high, String low, String close, String volume) {
            int at = next(openMs, 0);
            put(at, open);
            put(at + 1, high);
            put(at + 2, low);
            put(at + 3, close);
            put(at + 4, volume);
            if (compare(at + 1, at) < 0 || compare(at + 1, at + 3) < 0 || compare(at + 2, at) > 0
                    || compare(at + 2, at + 3) > 0 || signum(at + 4) < 0) {
                size--;
                // The record's own check throws, with its message.
                new Bar(token, chain, timeframe, openMs, new BigDecimal(open), new BigDecimal(high),
                        new BigDecimal(low), new BigDecimal(close), new BigDecimal(volume), 0);
            }
            if (timeframe.floor(openMs) != openMs) {
                size--;
                throw new IllegalArgumentException("bar open time " + openMs + " is not on a " + timeframe
                        + " boundary");
            }
            return this;
        }

        public BarColumns build() {
            return new BarColumns(this);
        }

        private int next(long openMs, int tradeCount) {
            if (size > 0 && openMs <= opens[size - 1]) {
                throw new IllegalArgumentException("bars of " + token + " are not in strictly increasing open time"
                        + " at index " + size);
            }
            if (size == opens.length) {
                int n = opens.length * 2;
                opens = Arrays.copyOf(opens, n);
                unscaled = Arrays.copyOf(unscaled, n * FIELDS);
                scales = Arrays.copyOf(scales, n * FIELDS);
                trades = Arrays.copyOf(trades, n);
            }
            opens[size] = openMs;
            trades[size] = tradeCount;
            anyTrades |= tradeCount != 0;
            return size++ * FIELDS;
        }

        private void put(int at, BigDecimal d) {
            BigInteger u = d.unscaledValue();
            if (u.bitLength() < Long.SIZE && d.scale() > Byte.MIN_VALUE && d.scale() <= Byte.MAX_VALUE) {
                unscaled[at] = u.longValue();
                scales[at] = (byte) d.scale();
            } else {
                scales[at] = Byte.MIN_VALUE;
                wide.put(at, d);
            }
        }

        /** A plain decimal ({@code -?digits[.digits]}, at most 18 digits) parsed here; anything else by BigDecimal. */
        private void put(int at, String text) {
            int n = text.length();
            int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
            boolean negative = i == 1;
            long value = 0;
            int digits = 0;
            int scale = 0;
            boolean dot = false;
            boolean plain = i < n;
            for (; i < n && plain; i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    value = value * 10 + (c - '0');
                    if (++digits > 18) {
                        plain = false;
                    }
                    if (dot) {
                        scale++;
                    }
                } else if (c == '.' && !dot && digits > 0 && i < n - 1) {
                    dot = true;
                } else {
                    plain = false;
                }
            }
            if (!plain || digits == 0 || scale > Byte.MAX_VALUE) {
                put(at, new BigDecimal(text));
                return;
            }
            unscaled[at] = negative ? -value : value;
            scales[at] = (byte) scale;
        }

        private BigDecimal value(int at) {
            return scales[at] == Byte.MIN_VALUE ? wide.get(at) : BigDecimal.valueOf(unscaled[at], scales[at]);
        }

        private int compare(int a, int b) {
            if (scales[a] == scales[b] && scales[a] != Byte.MIN_VALUE) {
                return Long.compare(unscaled[a], unscaled[b]);
            }
            return value(a).compareTo(value(b));
        }

        private int signum(int at) {
            return scales[at] == Byte.MIN_VALUE ? wide.get(at).signum() : Long.signum(unscaled[at]);
        }
    }
}
