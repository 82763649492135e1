package lotus.solana.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Answer shapes without a socket: what reads, and what is malformed with one clear message. */
class RpcParserTest {

    private static JsonNode result(String body) throws RpcError {
        return RpcParser.result("getTransaction", "rpc.example", body);
    }

    private static RpcError malformed(ThrowingRead read) {
        RpcError e = catchThrowableOfType(RpcError.class, read::run);
        assertThat(e.kind()).isEqualTo(RpcError.Kind.MALFORMED);
        return e;
    }

    interface ThrowingRead {
        void run() throws Exception;
    }

    @Test
    void aMetaReadsWithNullableFieldsAndRawAmountsExact() throws Exception {
        TxMeta meta = RpcParser.transaction(result("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"slot\":9,"
                + "\"blockTime\":null,\"meta\":{\"err\":null,\"fee\":5000,\"preBalances\":[10,0],"
                + "\"postBalances\":[5,5],\"preTokenBalances\":[],\"postTokenBalances\":[{\"accountIndex\":1,"
                + "\"mint\":\"M\",\"owner\":\"W\",\"uiTokenAmount\":{\"amount\":\"123456789012345678901234567890\","
                + "\"decimals\":6,\"uiAmount\":1.2345678901234568E23}}]}}}")).orElseThrow();

        assertThat(meta.blockTime()).isNull();
        assertThat(meta.err()).isNull();
        assertThat(meta.postTokenBalances().getFirst()).isEqualTo(new TokenBalance(1, "M", "W", null,
                new BigInteger("123456789012345678901234567890"), 6));
        assertThat(RpcParser.transaction(result("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"))).isEmpty();
    }

    @Test
    void brokenShapesAreMalformedNamingTheField() {
        assertThat(malformed(() -> result("{\"jsonrpc\":\"2.0\",\"res")).getMessage())
                .isEqualTo("getTransaction at rpc.example: answer is not JSON (21 chars)");
        assertThat(malformed(() -> result("[1,2]")).getMessage())
                .isEqualTo("getTransaction at rpc.example: answer is not a JSON object");
        assertThat(malformed(() -> result("{\"id\":1}")).getMessage())
                .isEqualTo("getTransaction at rpc.example: answer has neither result nor error");
        assertThat(malformed(() -> RpcParser.transaction(new ObjectMapper().readTree("{\"slot\":1,\"meta\":{"
                + "\"fee\":1.5,\"preBalances\":[],\"postBalances\":[]}}"))).getMessage())
                .isEqualTo("getTransaction: fee is not an integer");
        assertThat(malformed(() -> RpcParser.transaction(new ObjectMapper().readTree("{\"slot\":1,\"meta\":{"
                + "\"fee\":1,\"preBalances\":[],\"postBalances\":[],\"postTokenBalances\":[{\"accountIndex\":0,"
                + "\"mint\":\"M\",\"uiTokenAmount\":{\"amount\":\"1.5\",\"decimals\":6}}]}}"))).getMessage())
                .isEqualTo("getTransaction postTokenBalances: amount is not an integer string");
        assertThat(malformed(() -> RpcParser.statuses(new ObjectMapper().readTree("{\"value\":[null]}"), 2))
                .getMessage()).isEqualTo("getSignatureStatuses: value is not an array of 2 entries");
    }

    @Test
    void aJsonRpcErrorKeepsItsCodeErrAndLogs() {
        RpcError e = catchThrowableOfType(RpcError.class, () -> result("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{"
                + "\"code\":-32002,\"message\":\"Transaction simulation failed\",\"data\":{\"err\":"
                + "{\"InstructionError\":[3,{\"Custom\":6001}]},\"logs\":[\"a\",\"b\"]}}}"));

        assertThat(e.kind()).isEqualTo(RpcError.Kind.RPC);
        assertThat(e.code()).isEqualTo(-32002);
        assertThat(e.err().path("InstructionError").path(1).path("Custom").asInt()).isEqualTo(6001);
        assertThat(e.logs()).containsExactly("a", "b");
    }
}
