package dev.trustlift.cli.disk;

import static dev.trustlift.cli.disk.ImageFiles.sparse;
import static dev.trustlift.cli.testing.ByteRanges.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.cli.testing.ToolRun;
import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.container.DiskImages;
import dev.trustlift.disk.container.ImageFormat;
import dev.trustlift.disk.layout.LayoutPresets;
import dev.trustlift.disk.layout.LayoutWriter;
import dev.trustlift.disk.partition.mbr.MasterBootRecord;
import dev.trustlift.disk.partition.mbr.MbrPartitionEntry;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged input of every kind: one line on stderr, exit 2, no stack trace, and the file stays
 * byte-identical, for inspect, validate and convert alike.
 */
class DiskRobustnessTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private void assertRefusedCleanly(Path img, String expected) throws Exception {
        String hash = sha256(img);
        long mtime = Files.getLastModifiedTime(img).toMillis();
        String[][] commands = {
                {"disk", "inspect", img.toString()},
                {"disk", "validate", img.toString(), "--os", "windows"},
                {"disk", "convert", img.toString(), "--os", "linux", "--grow", "200"},
        };
        for (String[] args : commands) {
            CliRun r = CliRun.of(args);
            String what = String.join(" ", args) + "\nstdout:\n" + r.out() + "stderr:\n" + r.err();
            assertEquals(2, r.exitCode(), what);
            assertEquals(1, r.err().lines().count(), what);
            assertTrue(r.err().startsWith("trustlift: error: "), what);
            assertTrue(r.err().contains(expected), what);
            assertFalse(r.err().contains("Exception") || r.out().contains("Exception"), what);
            assertEquals(hash, sha256(img), what);
            assertEquals(mtime, Files.getLastModifiedTime(img).toMillis(), what);
        }
    }

    private static void patch(Path img, long offset, byte[] bytes) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    @Test
    void aFileThatIsNotWholeSectors() throws Exception {
        Path img = dir.resolve("short.img");
        Files.write(img, new byte[1000]);
        assertRefusedCleanly(img, "not a whole number of 512-byte sectors");
    }

    @Test
    void anImageCutShortInsideAPartition() throws Exception {
        Path img = sparse(dir.resolve("cut.img"), 64 * MIB);
        ToolRun.fed("label: dos\nstart=2048, size=100000, type=83\n", "sfdisk", "-q", img.toString());
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(32 * MIB);
        }
        assertRefusedCleanly(img, "truncated");
    }

    @Test
    void randomBytes() throws Exception {
        byte[] noise = new byte[4 * (int) MIB];
        new Random(42).nextBytes(noise);
        noise[510] = 0x12;
        Path img = Files.write(dir.resolve("noise.img"), noise);
        assertRefusedCleanly(img, "no 0x55AA boot signature");
    }

    @Test
    void overlappingPartitions() throws Exception {
        Path img = sparse(dir.resolve("overlap.img"), 64 * MIB);
        MasterBootRecord mbr = MasterBootRecord.of(new byte[440], 0x1234, List.of(
                MbrPartitionEntry.of(true, 0x07, 2048, 40000, 2048),
                MbrPartitionEntry.of(false, 0x07, 30000, 40000, 30000),
                MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY));
        ByteBuffer bytes = mbr.toBytes();
        patch(img, 0, bytes.array());
        assertRefusedCleanly(img, "partitions 1 (LBA 2048..42047) and 2 (LBA 30000..69999) overlap");
    }

    @Test
    void anEbrChainThatLoops() throws Exception {
        Path img = sparse(dir.resolve("loop.img"), 64 * MIB);
        ToolRun.fed("label: dos\nstart=2048, size=20480, type=83\nstart=22528, size=100000, type=5\n"
                + "start=24576, size=20480, type=83\nstart=47104, size=20480, type=83\n", "sfdisk", "-q", img.toString());
        // sfdisk puts the second EBR at 45056; make its "next" link point back at itself
        long ext = 22528;
        long second = 45056;
        MbrPartitionEntry self = MbrPartitionEntry.of(false, 0x05, second - ext, 2048, second);
        ByteBuffer entry = ByteBuffer.allocate(16);
        self.writeTo(entry);
        patch(img, second * 512 + 446 + 16, entry.array());
        assertRefusedCleanly(img, "loops back to the EBR at LBA 45056");
    }

    @Test
    void aGptWithACorruptHeaderCrc() throws Exception {
        Path img = sparse(dir.resolve("gpt.img"), 64 * MIB);
        ToolRun.ok("sgdisk", "-o", "-n", "1:2048:0", "-t", "1:8300", img.toString());
        patch(img, 512 + 60, new byte[] {0x7F});
        assertRefusedCleanly(img, "primary GPT header CRC mismatch at LBA 1");
    }

    @Test
    void aVhdWithAWrongFooterChecksum() throws Exception {
        Path img = dir.resolve("bad.vhd");
        long size = 64 * MIB;
        try (DiskImage vhd = DiskImages.create(img, ImageFormat.VHD_FIXED, size, 512)) {
            LayoutWriter.write(vhd, LayoutPresets.named("linux-mbr-custom", 512, size), new Random(1));
        }
        assertEquals(0, CliRun.of("disk", "inspect", img.toString()).exitCode(), "the intact VHD reads");
        long footer = Files.size(img) - 512;
        patch(img, footer + 64, new byte[] {0x01, 0x02});
        assertRefusedCleanly(img, "checksum");
    }
}
