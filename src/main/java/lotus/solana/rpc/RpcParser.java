package lotus.solana.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * JSON-RPC answers → values (SOLANA.md §4.5), apart from the I/O so every shape is tested without a socket. Anything
 * that does not read as the documented shape is {@link RpcError.Kind#MALFORMED}, naming the method and the field.
 */
final class RpcParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A mint account: 82 bytes, decimals at byte 44 (SPL Token's layout, kept by Token-2022). */
    private static final int DECIMALS_OFFSET = 44;
    static final String TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
    static final String TOKEN_2022_PROGRAM = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb";

    private RpcParser() {
    }

    /** The envelope: {@code result} (possibly JSON null), or the {@code error} object as an RPC error. */
    static JsonNode result(String method, String host, String body) throws RpcError {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            // The length only: a vendor's error page may echo the URL, and with it the key.
            throw RpcError.malformed(method + " at " + host + ": answer is not JSON (" + body.length() + " chars)");
        }
        if (root == null || !root.isObject()) {
            throw RpcError.malformed(method + " at " + host + ": answer is not a JSON object");
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            JsonNode data = error.path("data");
            JsonNode err = data.get("err");
            List<String> logs = new ArrayList<>();
            for (JsonNode l : data.path("logs")) {
                logs.add(l.asText());
            }
            int code = error.path("code").asInt(0);
            throw new RpcError(RpcError.Kind.RPC, code, err == null || err.isNull() ? null : err, logs,
                    method + " at " + host + ": error " + code + " " + error.path("message").asText(""));
        }
        if (!root.has("result")) {
            throw RpcError.malformed(method + " at " + host + ": answer has neither result nor error");
        }
        return root.get("result");
    }

    static String signature(JsonNode result) throws RpcError {
        if (!result.isTextual() || result.asText().isEmpty()) {
            throw RpcError.malformed("sendTransaction: result is not a signature string");
        }
        return result.asText();
    }

    static List<Optional<SignatureStatus>> statuses(JsonNode result, int expected) throws RpcError {
        JsonNode value = result.path("value");
        if (!value.isArray() || value.size() != expected) {
            throw RpcError.malformed("getSignatureStatuses: value is not an array of " + expected + " entries");
        }
        List<Optional<SignatureStatus>> out = new ArrayList<>(expected);
        for (JsonNode s : value) {
            if (s.isNull()) {
                out.add(Optional.empty());
                continue;
            }
            JsonNode confirmations = s.path("confirmations");
            Long conf = confirmations.isNull() || confirmations.isMissingNode() ? null
                    : longOf(confirmations, "getSignatureStatuses", "confirmations");
            JsonNode err = s.path("err");
            JsonNode status = s.path("confirmationStatus");
            out.add(Optional.of(new SignatureStatus(longOf(s.path("slot"), "getSignatureStatuses", "slot"), conf,
                    err.isNull() || err.isMissingNode() ? null : err, status.isTextual() ? status.asText() : null)));
        }
        return out;
    }

    static LatestBlockhash latestBlockhash(JsonNode result) throws RpcError {
        JsonNode value = result.path("value");
        if (!value.path("blockhash").isTextual()) {
            throw RpcError.malformed("getLatestBlockhash: value.blockhash is missing");
        }
        return new LatestBlockhash(value.path("blockhash").asText(),
                longOf(value.path("lastValidBlockHeight"), "getLatestBlockhash", "lastValidBlockHeight"));
    }

    static Optional<TxMeta> transaction(JsonNode result) throws RpcError {
        if (result == null || result.isNull()) {
            return Optional.empty();
        }
        JsonNode meta = result.path("meta");
        if (!meta.isObject()) {
            throw RpcError.malformed("getTransaction: meta is missing");
        }
        JsonNode blockTime = result.path("blockTime");
        JsonNode err = meta.path("err");
        return Optional.of(new TxMeta(longOf(result.path("slot"), "getTransaction", "slot"),
                blockTime.isNull() || blockTime.isMissingNode() ? null : longOf(blockTime, "getTransaction",
                        "blockTime"),
                err.isNull() || err.isMissingNode() ? null : err, longOf(meta.path("fee"), "getTransaction", "fee"),
                lamports(meta.path("preBalances"), "preBalances"), lamports(meta.path("postBalances"), "postBalances"),
                tokenBalances(meta.path("preTokenBalances"), "preTokenBalances"),
                tokenBalances(meta.path("postTokenBalances"), "postTokenBalances")));
    }

    static BigInteger balance(JsonNode result) throws RpcError {
        return BigInteger.valueOf(longOf(result.path("value"), "getBalance", "value"));
    }

    /** Σ of the raw amounts over every token account listed. */
    static BigInteger tokenAccountsTotal(JsonNode result) throws RpcError {
        JsonNode value = result.path("value");
        if (!value.isArray()) {
            throw RpcError.malformed("getTokenAccountsByOwner: value is not an array");
        }
        BigInteger total = BigInteger.ZERO;
        for (JsonNode a : value) {
            total = total.add(raw(a.path("account").path("data").path("parsed").path("info").path("tokenAmount")
                    .path("amount"), "getTokenAccountsByOwner"));
        }
        return total;
    }

    static int mintDecimals(JsonNode result, String mint) throws RpcError {
        JsonNode value = result.path("value");
        if (value.isNull() || value.isMissingNode()) {
            throw RpcError.malformed("getAccountInfo: no account for mint " + mint);
        }
        String owner = value.path("owner").asText("");
        if (!owner.equals(TOKEN_PROGRAM) && !owner.equals(TOKEN_2022_PROGRAM)) {
            throw RpcError.malformed("getAccountInfo: " + mint + " is owned by " + owner + ", not a token program");
        }
        JsonNode data = value.path("data");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data.path(0).asText(""));
        } catch (IllegalArgumentException e) {
            throw RpcError.malformed("getAccountInfo: data of " + mint + " is not base64");
        }
        if (!"base64".equals(data.path(1).asText()) || bytes.length <= DECIMALS_OFFSET) {
            throw RpcError.malformed("getAccountInfo: data of " + mint + " is not a base64 mint account");
        }
        return bytes[DECIMALS_OFFSET] & 0xFF;
    }

    static long longOf(JsonNode n, String method, String field) throws RpcError {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw RpcError.malformed(method + ": " + field + " is not an integer");
        }
        return n.asLong();
    }

    private static List<Long> lamports(JsonNode array, String field) throws RpcError {
        if (!array.isArray()) {
            throw RpcError.malformed("getTransaction: " + field + " is not an array");
        }
        List<Long> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(longOf(n, "getTransaction", field));
        }
        return out;
    }

    private static List<TokenBalance> tokenBalances(JsonNode array, String field) throws RpcError {
        if (array.isNull() || array.isMissingNode()) {
            return List.of(); // nodes omit the lists of transactions that touch no token account
        }
        if (!array.isArray()) {
            throw RpcError.malformed("getTransaction: " + field + " is not an array");
        }
        List<TokenBalance> out = new ArrayList<>(array.size());
        for (JsonNode b : array) {
            JsonNode amount = b.path("uiTokenAmount");
            int index = (int) longOf(b.path("accountIndex"), "getTransaction", field + ".accountIndex");
            long decimals = longOf(amount.path("decimals"), "getTransaction", field + ".decimals");
            if (!b.path("mint").isTextual() || index < 0 || decimals < 0 || decimals > 255) {
                throw RpcError.malformed("getTransaction: an entry of " + field + " has no mint or bad numbers");
            }
            out.add(new TokenBalance(index, b.path("mint").asText(), textOrNull(b.path("owner")),
                    textOrNull(b.path("programId")), raw(amount.path("amount"), "getTransaction " + field),
                    (int) decimals));
        }
        return out;
    }

    /** Raw amounts are integer strings; digits only, so a decimal or negative value is malformed, not rounded. */
    private static BigInteger raw(JsonNode n, String where) throws RpcError {
        String s = n.asText("");
        if (!n.isTextual() || s.isEmpty() || s.length() > 40 || !s.chars().allMatch(Character::isDigit)) {
            throw RpcError.malformed(where + ": amount is not an integer string");
        }
        return new BigInteger(s);
    }

    private static String textOrNull(JsonNode n) {
        return n.isTextual() ? n.asText() : null;
    }
}
