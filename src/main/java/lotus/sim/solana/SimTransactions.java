package lotus.sim.solana;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import lotus.solana.common.Base58;
import lotus.solana.common.CompactU16;

/**
 * Builds the unsigned v0 swap transactions the simulated Jupiter returns (SOLANA.md §4.2), and reads back what the
 * simulated chain checks: the message, its signature slot and its fee payer. The layout is the real one, so the
 * client's signer is tested against the bytes it will meet: one zeroed signature slot, {@code 0x80}, header, static
 * keys (payer first), recent blockhash, instructions (compute-unit limit, compute-unit price, the swap), and no address
 * table lookups.
 */
public final class SimTransactions {

    /** The Compute Budget program. */
    public static final String COMPUTE_BUDGET = "ComputeBudget111111111111111111111111111111";
    /** Jupiter's aggregator program. */
    public static final String JUPITER = "JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4";

    private static final int SIG = 64;

    private SimTransactions() {
    }

    /**
     * @param payer       the wallet (fee payer and only signer), base58
     * @param blockhash   the recent blockhash, base58
     * @param swapData    the swap instruction's data (the simulator's own encoding of the swap)
     */
    public static byte[] unsignedV0(String payer, String inputMint, String outputMint, String blockhash,
            int computeUnitLimit, long microLamportsPerCu, byte[] swapData) {
        byte[][] keys = {Base58.decode(payer), Base58.decode(inputMint), Base58.decode(outputMint),
                Base58.decode(COMPUTE_BUDGET), Base58.decode(JUPITER)};
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(0x80);
        // One signer (the payer, writable); the mints and both programs are read-only and unsigned.
        m.write(1);
        m.write(0);
        m.write(keys.length - 1);
        m.writeBytes(CompactU16.encode(keys.length));
        for (byte[] k : keys) {
            m.writeBytes(k);
        }
        m.writeBytes(Base58.decode(blockhash));
        m.writeBytes(CompactU16.encode(3));
        instruction(m, 3, new byte[0], le(2, 4, computeUnitLimit));
        instruction(m, 3, new byte[0], le(3, 8, microLamportsPerCu));
        instruction(m, 4, new byte[] {0, 1, 2}, swapData);
        m.writeBytes(CompactU16.encode(0));
        byte[] message = m.toByteArray();
        ByteArrayOutputStream tx = new ByteArrayOutputStream();
        tx.writeBytes(CompactU16.encode(1));
        tx.writeBytes(new byte[SIG]);
        tx.writeBytes(message);
        return tx.toByteArray();
    }

    /** The message of a legacy or v0 transaction with one signature slot: every byte after the slot. */
    public static byte[] message(byte[] tx) {
        return Arrays.copyOfRange(tx, 1 + SIG, tx.length);
    }

    /** The one signature of a legacy or v0 transaction. */
    public static byte[] signature(byte[] tx) {
        return Arrays.copyOfRange(tx, 1, 1 + SIG);
    }

    private static void instruction(ByteArrayOutputStream m, int program, byte[] accounts, byte[] data) {
        m.write(program);
        m.writeBytes(CompactU16.encode(accounts.length));
        m.writeBytes(accounts);
        m.writeBytes(CompactU16.encode(data.length));
        m.writeBytes(data);
    }

    private static byte[] le(int tag, int width, long value) {
        ByteBuffer b = ByteBuffer.allocate(1 + width).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) tag);
        if (width == 4) {
            b.putInt((int) value);
        } else {
            b.putLong(value);
        }
        return b.array();
    }
}
