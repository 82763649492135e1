package lotus.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lotus.app.L1SignLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "hl", mixinStandardHelpOptions = true, description = "Hyperliquid tools (signing).",
        subcommands = {HlCommand.Sign.class})
final class HlCommand extends GroupCommand {

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = "Sign L1 actions: one JSON {action, nonce, vaultAddress?, expiresAfter?} per stdin line → "
                    + "{actionHash, signature} per line; exits 1 if any line could not be signed.")
    static final class Sign implements Callable<Integer> {
        @Mixin
        CommandContext cli;

        @Option(names = "--key-file", paramLabel = "F", description = "File holding the private key (else HL_PRIVATE_KEY "
                + "or HL_PRIVATE_KEY_FILE).")
        Path keyFile;

        @Option(names = "--network", paramLabel = "mainnet|testnet",
                description = "Which network to sign for (default: the configured one, which must then not be local).")
        String network;

        @Override
        public Integer call() throws Exception {
            L1SignLines signing = L1SignLines.configured(cli.config(), keyFile, network);
            PrintWriter out = cli.out();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int lineNo = 0;
            int failed = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String result = signing.sign(line, lineNo);
                if (L1SignLines.failed(result)) {
                    failed++;
                }
                out.println(result);
                out.flush();
            }
            // Every line is answered, but a script piping into us must see that some went unsigned.
            return failed == 0 ? 0 : 1;
        }
    }
}
