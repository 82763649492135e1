package lotus.exec;

import java.util.Locale;
import java.util.Optional;
import lotus.hyperliquid.info.HlInfoClient;
import lotus.hyperliquid.info.UserRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before live trading: which master does the signing key trade for? Asks the venue's {@code userRole} of the signer
 * (HYPERLIQUID.md §3, §8: 1 and 8). An agent trades for the master that approved it, so a configured
 * {@code hyperliquid.account_address} must be that master, or is taken from the venue when absent; a plain user
 * trades for itself; a signer the venue does not know would see every order refused ("User or API Wallet … does not
 * exist", §7), so the start is refused instead.
 */
public final class AgentCheck {

    private static final Logger log = LoggerFactory.getLogger(AgentCheck.class);

    /** The live start refused: the message is one line naming the addresses involved. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * @param master lowercase: the account orders are for and account reads use
     * @param note   one line saying how the master was found
     */
    public record Resolved(String signer, String master, UserRole role, String note) {
    }

    private AgentCheck() {
    }

    /**
     * @param signer           the address of the signing key
     * @param configuredMaster {@code hyperliquid.account_address} ({@code HL_ACCOUNT_ADDRESS}) when set
     * @throws Refused when the signer is unknown to the venue, an agent of another master, or not a key that can
     *                 trade for the configured master
     */
    public static Resolved resolveMaster(HlInfoClient info, String signer, Optional<String> configuredMaster) {
        String s = signer.toLowerCase(Locale.ROOT);
        Optional<String> configured = configuredMaster.map(m -> m.toLowerCase(Locale.ROOT));
        UserRole role = info.userRole(s);
        Resolved resolved = switch (role.kind()) {
            case AGENT -> {
                if (configured.isPresent() && !configured.get().equals(role.master())) {
                    throw new Refused("signer " + s + " is an agent of " + role.master()
                            + ", not of the configured account " + configured.get() + "; refusing to start");
                }
                yield new Resolved(s, role.master(), role, configured.isPresent()
                        ? "signer " + s + " is an agent of the configured account " + role.master()
                        : "signer " + s + " is an agent of " + role.master()
                                + "; no account configured, trading for " + role.master());
            }
            case USER -> {
                if (configured.isPresent() && !configured.get().equals(s)) {
                    throw new Refused("signer " + s + " is a user account of its own, not an agent of the configured"
                            + " account " + configured.get() + "; refusing to start");
                }
                yield new Resolved(s, s, role, "signer " + s + " is a user account and trades for itself");
            }
            case MISSING -> throw new Refused("signer " + s + " is unknown to the venue (userRole missing): approve it"
                    + " as an agent of " + configured.orElse("the master") + " or deposit first; refusing to start");
            case VAULT, SUB_ACCOUNT, OTHER -> throw new Refused("signer " + s + " has role " + role.kind()
                    + (role.master() == null ? "" : " under " + role.master())
                    + ", which cannot sign orders here; refusing to start");
        };
        log.info("{}", resolved.note());
        return resolved;
    }
}
