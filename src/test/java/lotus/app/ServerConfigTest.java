package lotus.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server.* keys: loopback on 8787 by default, the token from the environment or a file, never shown. */
class ServerConfigTest {

    private static final String TOKEN = "op-token-s3cr3t-0123";

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path p = dir.resolve("lotus.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void defaultsAreLoopbackOn8787WithoutAToken() {
        LotusConfig.Server s = ConfigLoader.load(null, Map.of()).config().server();
        assertThat(s).isEqualTo(new LotusConfig.Server("127.0.0.1", 8787, Optional.empty()));
        assertThat(s.settings(null).port()).isEqualTo(8787);
        assertThat(s.settings(0).port()).isZero();
    }

    @Test
    void hostAndPortComeFromTheFileOrTheEnvironment() throws IOException {
        LotusConfig.Server s = ConfigLoader.load(yaml("server:\n  host: 0.0.0.0\n  port: 9000\n"),
                Map.of("LOTUS_SERVER_PORT", "9001")).config().server();
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isEqualTo(9001);
        assertThatThrownBy(() -> ConfigLoader.load(yaml("server:\n  port: 70000\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("server.port (LOTUS_SERVER_PORT): '70000'"
                        + " is not accepted");
    }

    @Test
    void theTokenComesFromTheEnvironmentOrAFileAndIsNeverShown() throws IOException {
        ConfigLoader.Loaded loaded = ConfigLoader.load(null, Map.of("LOTUS_SERVER_TOKEN", TOKEN));
        assertThat(loaded.config().server().token().map(Secret::reveal)).contains(TOKEN);
        assertThat(loaded.config().server().settings(null).token()).contains(TOKEN);
        assertThat(loaded.entries().toString() + loaded.config()).doesNotContain(TOKEN);

        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        assertThat(ConfigLoader.load(null, Map.of("LOTUS_SERVER_TOKEN_FILE", file.toString())).config().server()
                .token().map(Secret::reveal)).contains(TOKEN);

        assertThatThrownBy(() -> ConfigLoader.load(yaml("server:\n  token: " + TOKEN + "\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("LOTUS_SERVER_TOKEN")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LOTUS_SERVER_TOKEN", "short")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("server.token (LOTUS_SERVER_TOKEN): not accepted (value not shown); accepted: at least 16 "
                        + "characters without spaces, from the environment only");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LOTUS_SERVER_TOKEN", TOKEN,
                "LOTUS_SERVER_TOKEN_FILE", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("give the token one way only");
    }
}
