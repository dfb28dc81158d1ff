package dev.trustlift.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A small disk image held in memory: the known content a test writes to a file, then compares the
 * file against ("byte-identical after a refusal"). Writing skips zero blocks, so files stay sparse.
 */
public final class SparseImage {
    private static final int BLOCK = 64 * 1024;
    private final byte[] bytes;

    private SparseImage(byte[] bytes) {
        this.bytes = bytes;
    }

    public static SparseImage of(byte[] bytes) {
        return new SparseImage(bytes.clone());
    }

    public static SparseImage read(Path file) {
        try {
            return new SparseImage(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return bytes.length;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public SparseImage write(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int at = 0; at < bytes.length; at += BLOCK) {
                int n = Math.min(BLOCK, bytes.length - at);
                if (!isZero(at, n)) {
                    ch.write(ByteBuffer.wrap(bytes, at, n), at);
                }
            }
            ch.truncate(bytes.length);
            if (ch.size() < bytes.length) {
                ch.write(ByteBuffer.allocate(1), bytes.length - 1);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when {@code file} holds exactly these bytes, else where it first differs. */
    public String differenceFrom(Path file) {
        try {
            long size = Files.size(file);
            if (size != bytes.length) {
                return "size " + size + " instead of " + bytes.length;
            }
            int at = Arrays.mismatch(Files.readAllBytes(file), bytes);
            return at < 0 ? null : "first difference at byte " + at + " (LBA " + at / 512 + ")";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isZero(int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
