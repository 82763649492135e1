package lotus.hyperliquid.info;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lotus.market.Decimals;

/** Account answers of {@code /info} into records (HYPERLIQUID.md §3); no I/O, so every shape is tested alone. */
final class AccountParser {

    private AccountParser() {
    }

    static UserRole userRole(JsonNode answer) {
        if (answer == null || !answer.path("role").isTextual()) {
            throw new InfoException("userRole: answer without a role: " + answer);
        }
        UserRole.Kind kind = UserRole.kind(answer.get("role").asText());
        String master = switch (kind) {
            case AGENT -> text(answer.path("data"), "user", "userRole agent");
            case SUB_ACCOUNT -> text(answer.path("data"), "master", "userRole subAccount");
            default -> null;
        };
        return new UserRole(kind, master);
    }

    static List<UserFill> fills(JsonNode answer) {
        if (answer == null || !answer.isArray()) {
            throw new InfoException("fills: answer is not an array: " + answer);
        }
        List<UserFill> out = new ArrayList<>(answer.size());
        for (JsonNode f : answer) {
            JsonNode cloid = f.path("cloid");
            out.add(new UserFill(text(f, "coin", "fill"), decimal(f, "px", "fill"), decimal(f, "sz", "fill"),
                    text(f, "side", "fill"), f.path("time").asLong(), f.path("oid").asLong(), f.path("tid").asLong(),
                    cloid.isTextual() ? cloid.asText() : null, decimal(f, "fee", "fill"),
                    f.path("feeToken").asText("USDC")));
        }
        return out;
    }

    static PerpAccount perpAccount(JsonNode answer) {
        if (answer == null || !answer.isObject()) {
            throw new InfoException("clearinghouseState: answer is not an object: " + answer);
        }
        Map<String, BigDecimal> szi = new LinkedHashMap<>();
        for (JsonNode p : answer.path("assetPositions")) {
            JsonNode position = p.path("position");
            szi.put(text(position, "coin", "assetPosition"), decimal(position, "szi", "assetPosition"));
        }
        return new PerpAccount(decimal(answer.path("marginSummary"), "accountValue", "marginSummary"),
                decimal(answer, "withdrawable", "clearinghouseState"), szi, answer.path("time").asLong());
    }

    static SpotAccount spotAccount(JsonNode answer) {
        if (answer == null || !answer.path("balances").isArray()) {
            throw new InfoException("spotClearinghouseState: answer without balances: " + answer);
        }
        List<SpotAccount.Balance> out = new ArrayList<>();
        for (JsonNode b : answer.get("balances")) {
            out.add(new SpotAccount.Balance(text(b, "coin", "balance"), b.path("token").asInt(),
                    decimal(b, "total", "balance"), decimal(b, "hold", "balance")));
        }
        return new SpotAccount(out);
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            throw new InfoException(where + ": missing text field " + field + " in " + node);
        }
        return v.asText();
    }

    /** The venue sends decimals as strings ({@code "0.0147"}); compare them with compareTo (§8, 6). */
    private static BigDecimal decimal(JsonNode node, String field, String where) {
        try {
            return Decimals.parse(text(node, field, where));
        } catch (NumberFormatException e) {
            throw new InfoException(where + ": " + field + " is not a decimal in " + node, e);
        }
    }
}
