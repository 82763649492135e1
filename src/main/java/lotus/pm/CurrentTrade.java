package lotus.pm;

import java.util.Objects;

/** The trade a position is in, as recorded when its first buy filled: for its closure and its learning scope. */
public record CurrentTrade(String tradeId, TradeClosure.Entry entry) {

    public CurrentTrade {
        Objects.requireNonNull(entry, "entry");
    }
}
