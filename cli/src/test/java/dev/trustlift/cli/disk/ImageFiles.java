package dev.trustlift.cli.disk;

import dev.trustlift.cli.testing.ToolRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sparse scratch images for the disk command tests, and dd to move partitions in and out of them. */
final class ImageFiles {
    private ImageFiles() {
    }

    static Path sparse(Path path, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            f.setLength(size);
        }
        return path;
    }

    /** Copies {@code sectors} 512-byte sectors from LBA {@code lba} of {@code image} to a new sparse file. */
    static Path extract(Path image, long lba, long sectors, Path target) throws IOException {
        Files.deleteIfExists(target);
        ToolRun.ok("dd", "if=" + image, "of=" + target, "bs=512", "skip=" + lba, "count=" + sectors, "conv=sparse",
                "status=none");
        // conv=sparse skips trailing zeros without writing them, so the file may come out short.
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.setLength(sectors * 512);
        }
        return target;
    }

    /** Writes {@code source} into {@code image} at LBA {@code lba} without truncating the image. */
    static void implant(Path source, Path image, long lba) {
        ToolRun.ok("dd", "if=" + source, "of=" + image, "bs=512", "seek=" + lba, "conv=notrunc,sparse", "status=none");
    }
}
