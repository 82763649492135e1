package lotus.hyperliquid.info;

import java.util.Locale;
import java.util.Objects;

/**
 * The venue's {@code userRole} of an address (HYPERLIQUID.md §3): {@code user}, {@code agent} (with the master it signs
 * for), {@code vault}, {@code subAccount} (with its master) or {@code missing}.
 *
 * @param master lowercase; the master of an agent or sub-account, else null
 */
public record UserRole(Kind kind, String master) {

    public enum Kind {
        USER, AGENT, VAULT, SUB_ACCOUNT, MISSING,
        /** A role the venue added after this code was written. */
        OTHER
    }

    public UserRole {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.AGENT || kind == Kind.SUB_ACCOUNT) && master == null) {
            throw new IllegalArgumentException(kind + " needs its master address");
        }
        master = master == null ? null : master.toLowerCase(Locale.ROOT);
    }

    static Kind kind(String wire) {
        return switch (wire) {
            case "user" -> Kind.USER;
            case "agent" -> Kind.AGENT;
            case "vault" -> Kind.VAULT;
            case "subAccount" -> Kind.SUB_ACCOUNT;
            case "missing" -> Kind.MISSING;
            default -> Kind.OTHER;
        };
    }
}
