package dev.trustlift.disk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Sparse scratch files for tests: big virtual sizes that cost no disk space until written. */
public final class SparseFile {
    private SparseFile() {
    }

    /** Creates (or truncates) {@code path} as a sparse file of {@code size} zero bytes. */
    public static Path create(Path path, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(0);
            f.setLength(size);
        }
        return path;
    }

    /**
     * Copies {@code length} bytes at {@code offset} of {@code source} into a new sparse file, for
     * tools that cannot take an offset (fsck.vfat). dd skips the zero blocks, so it stays cheap.
     */
    public static Path extract(Path source, long offset, long length, Path target) throws IOException {
        Files.deleteIfExists(target);
        Tool.run("dd", "if=" + source, "of=" + target, "bs=64K", "iflag=skip_bytes,count_bytes",
                "skip=" + offset, "count=" + length, "conv=sparse", "status=none").assertOk();
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.setLength(length); // conv=sparse leaves a trailing hole unallocated but also unsized
        }
        return target;
    }

    /** SHA-256 of the whole file, hex: the way tests compare images byte for byte. */
    public static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes actually allocated on disk (st_blocks * 512), to prove a file stayed sparse. */
    public static long allocatedBytes(Path path) throws IOException {
        Tool.Result r = Tool.run("stat", "-c", "%b %B", path.toString()).assertOk();
        String[] parts = r.stdout().trim().split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }
}
