package dev.trustlift.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a whole file or of a byte range in it: the "nothing else moved" evidence. */
public final class ByteRanges {
    private static final int CHUNK = 1 << 20;

    private ByteRanges() {
    }

    public static String sha256(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            return sha256(file, 0, ch.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(Path file, long offset, long length) {
        try (FileChannel ch = FileChannel.open(file)) {
            if (offset + length > ch.size()) {
                throw new AssertionError(file + ": range " + offset + "+" + length + " lies beyond the end " + ch.size());
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                buf.clear().limit((int) Math.min(CHUNK, end - pos));
                int n = ch.read(buf, pos);
                if (n <= 0) {
                    throw new AssertionError(file + ": short read at " + pos);
                }
                buf.flip();
                md.update(buf);
                pos += n;
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
