package lotus.app;

import java.io.IOException;
import lotus.solana.tx.SolanaKeypair;

/** Loads the configured Solana keypair, turning every refusal into one line that never holds the key. */
final class SolanaKeys {

    private SolanaKeys() {
    }

    static SolanaKeypair load(LotusConfig.SolanaKey key, String fileLabel, String exportLabel) {
        if (key.file().isPresent()) {
            try {
                return SolanaKeypair.fromFile(key.file().get());
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(fileLabel + ": " + Secret.mask(e.getMessage()));
            }
        }
        try {
            return SolanaKeypair.fromBase58(key.exported().orElseThrow().reveal());
        } catch (RuntimeException e) {
            throw new ConfigException(exportLabel + ": not a base58 keypair of 64 bytes whose public half matches its"
                    + " seed");
        }
    }

    static SolanaKeypair load(LotusConfig.SolanaKey key) {
        return load(key, "solana.keypair_file", "solana.private_key");
    }
}
