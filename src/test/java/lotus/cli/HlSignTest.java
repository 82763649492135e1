package lotus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lotus hl sign} as a process: its exit code, a key file path never echoed, a failure as one masked line. */
class HlSignTest {

    private static final String HEX_KEY = "0x0123456789012345678901234567890123456789012345678901234567890123";
    private static final String ORDER = "{\"action\":{\"type\":\"order\",\"orders\":[{\"a\":1,\"b\":true,\"p\":\"100\","
            + "\"s\":\"100\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Gtc\"}}}],\"grouping\":\"na\"},\"nonce\":0}";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run sign(InputStream stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(stdin);
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] all = new String[args.length + 2];
            all[0] = "hl";
            all[1] = "sign";
            System.arraycopy(args, 0, all, 2, args.length);
            int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }

    private static InputStream lines(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void exitsNonZeroWhenAnyLineFailedAndZeroWhenAllWereSigned() throws Exception {
        Path keyFile = dir.resolve("hl.key");
        Files.writeString(keyFile, HEX_KEY + "\n");
        Run good = sign(lines(ORDER + "\n\n" + ORDER + "\n"), "--key-file", keyFile.toString(), "--network", "mainnet");
        assertThat(good.exit()).as(good.err()).isZero();
        assertThat(good.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"actionHash\""));

        Run oneBad = sign(lines(ORDER + "\n{\"nonce\":1}\n" + ORDER + "\n"), "--key-file", keyFile.toString(),
                "--network", "mainnet");
        assertThat(oneBad.exit()).isEqualTo(1);
        assertThat(oneBad.out().lines()).hasSize(3).element(1).asString().startsWith("{\"error\":\"line 2: ");
    }

    @Test
    void aKeyGivenAsTheKeyFilePathIsNeverEchoed() {
        Run r = sign(lines(ORDER + "\n"), "--key-file", HEX_KEY, "--network", "mainnet");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("lotus: configuration error: --key-file: cannot read (value not shown)");
        assertThat(r.out() + r.err()).doesNotContain(HEX_KEY.substring(30));
    }

    @Test
    void anUnexpectedFailureIsOneMaskedLineNamingTheCommand() throws Exception {
        Path keyFile = dir.resolve("hl.key");
        Files.writeString(keyFile, HEX_KEY + "\n");
        InputStream broken = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("cannot read jdbc:postgresql://db/lotus?user=x&password=hunter2",
                        new java.io.IOException("the key was " + HEX_KEY));
            }
        };
        Run r = sign(broken, "--key-file", keyFile.toString(), "--network", "mainnet");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("lotus: hl sign: cannot read jdbc:postgresql://db/lotus?user=x&password=***: "
                + "the key was ***" + System.lineSeparator());
        assertThat(r.out() + r.err()).doesNotContain("hunter2").doesNotContain(HEX_KEY.substring(30));
    }
}
