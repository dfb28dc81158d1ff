package dev.trustlift.disk.container;

import static org.junit.jupiter.api.Assertions.*;

import dev.trustlift.disk.testing.RequiredTools;
import dev.trustlift.disk.testing.QemuImg;
import dev.trustlift.disk.testing.SparseFile;
import dev.trustlift.disk.testing.Tool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** qemu-img / qemu-io read what we write and we read what they write, byte for byte. */
class VhdQemuInteropTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @BeforeEach
    void needQemu() {
        RequiredTools.require("qemu-img", "qemu-io");
    }

    /** Scattered writes: first sector, across a 2 MiB block boundary, unaligned bytes, the last sector. */
    private static void writePatterns(DiskImage d) throws IOException {
        long size = d.size();
        int s = d.sectorSize();
        long[][] writes = {{0, s}, {2 * MIB - s, 2L * s}, {3 * MIB + 100, 777}, {size - s, s}};
        int seed = 1;
        for (long[] w : writes) {
            byte[] b = new byte[(int) w[1]];
            new Random(seed++).nextBytes(b);
            d.write(w[0], ByteBuffer.wrap(b));
        }
    }

    private Path rawTwin(long size, int sectorSize) throws IOException {
        Path raw = dir.resolve("twin.raw");
        try (DiskImage r = DiskImages.create(raw, ImageFormat.RAW, size, sectorSize)) {
            writePatterns(r);
        }
        return raw;
    }

    @ParameterizedTest(name = "{0} at {1}-byte sectors")
    @CsvSource({"VHD_FIXED, 512", "VHD_DYNAMIC, 512", "VHD_FIXED, 4096", "VHD_DYNAMIC, 4096"})
    void qemuReadsWhatWeWrite(ImageFormat format, int sectorSize) throws IOException {
        Path vhd = dir.resolve("ours.vhd");
        long size = 8 * MIB;
        try (DiskImage d = DiskImages.create(vhd, format, size, sectorSize)) {
            writePatterns(d);
        }
        Path raw = rawTwin(size, sectorSize);
        // qemu probes only offset 0, so it finds the footer copy of a dynamic VHD but not a fixed one.
        assertEquals(format == ImageFormat.VHD_DYNAMIC ? "vpc" : "raw", QemuImg.probedFormat(vhd));
        assertEquals(size, QemuImg.virtualSize(vhd, "vpc"), "qemu honours the footer's current size");
        Tool.Result check = Tool.run("qemu-img", "check", "-f", "vpc", vhd.toString());
        // qemu 7.2's vpc driver has no check; if a later qemu has one, it must pass.
        assertTrue(check.exitCode() == 0 || check.output().contains("does not support checks"), check::describe);
        Path converted = dir.resolve("converted.raw");
        QemuImg.convertToRaw(vhd, "vpc", converted).assertOk();
        assertEquals(Files.size(raw), Files.size(converted));
        assertEquals(SparseFile.sha256(raw), SparseFile.sha256(converted));
    }

    @ParameterizedTest(name = "qemu-img create {0}")
    @CsvSource({"subformat=fixed", "subformat=dynamic", "'subformat=fixed,force_size=on'", "'subformat=dynamic,force_size=on'"})
    void weWriteIntoQemuImagesAndQemuAgrees(String options) throws IOException {
        Path vhd = dir.resolve("qemu.vhd");
        Tool.run("qemu-img", "create", "-q", "-f", "vpc", "-o", options, vhd.toString(), "10M").assertOk();
        long qemuSize = QemuImg.virtualSize(vhd, "vpc");
        try (DiskImage d = DiskImages.open(vhd, true, 512)) {
            assertEquals(qemuSize, d.size(), "same virtual size as qemu (CHS-rounded unless force_size)");
            writePatterns(d);
        }
        Path raw = rawTwin(qemuSize, 512);
        Tool.Result cmp = QemuImg.compare(vhd, "vpc", raw, "raw");
        assertEquals(0, cmp.exitCode(), cmp::describe);
        assertEquals(qemuSize, QemuImg.virtualSize(vhd, "vpc"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"subformat=fixed", "subformat=dynamic"})
    void weReadWhatQemuIoWrites(String options) throws IOException {
        Path vhd = dir.resolve("qemu.vhd");
        Tool.run("qemu-img", "create", "-q", "-f", "vpc", "-o", options + ",force_size=on", vhd.toString(), "8M").assertOk();
        QemuImg.io(vhd, "vpc", "write -P 0xab 0 512", "write -P 0xcd 2093568 8192", "write -P 0x11 8388096 512")
                .assertOk();
        Path converted = dir.resolve("converted.raw");
        QemuImg.convertToRaw(vhd, "vpc", converted).assertOk();
        String before = SparseFile.sha256(vhd);
        try (DiskImage d = DiskImages.open(vhd, false, 512)) {
            byte[] all = new byte[(int) d.size()];
            d.read(0, ByteBuffer.wrap(all));
            assertArrayEquals(Files.readAllBytes(converted), all);
            assertEquals((byte) 0xab, all[0]);
            assertEquals((byte) 0xcd, all[2 * 1024 * 1024]);
            assertEquals((byte) 0x11, all[all.length - 1]);
        }
        assertEquals(before, SparseFile.sha256(vhd), "reading never writes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"'subformat=dynamic,force_size=on'", "subformat=dynamic", "subformat=fixed"})
    void weReadWhatQemuImgConvertWrites(String options) throws IOException {
        Path raw = dir.resolve("source.raw");
        byte[] data = new byte[(int) (6 * MIB)];
        Random random = new Random(42);
        for (int chunk = 0; chunk < data.length / 65536; chunk++) {
            if (chunk % 3 != 1) { // leave holes so some blocks stay unallocated
                byte[] piece = new byte[65536];
                random.nextBytes(piece);
                System.arraycopy(piece, 0, data, chunk * 65536, piece.length);
            }
        }
        java.util.Arrays.fill(data, (int) (4 * MIB), (int) (6 * MIB), (byte) 0); // a whole unallocated 2 MiB block
        Files.write(raw, data);
        Path vhd = dir.resolve("converted.vhd");
        Tool.run("qemu-img", "convert", "-f", "raw", "-O", "vpc", "-o", options, raw.toString(), vhd.toString()).assertOk();
        try (DiskImage d = DiskImages.open(vhd, false, 512)) {
            assertEquals(QemuImg.virtualSize(vhd, "vpc"), d.size());
            assertTrue(d.size() >= data.length);
            byte[] all = new byte[(int) d.size()];
            d.read(0, ByteBuffer.wrap(all));
            byte[] expected = java.util.Arrays.copyOf(data, all.length);
            assertArrayEquals(expected, all);
        }
    }

    @Test
    void grownImagesAreWhatQemuSees() throws IOException {
        Path fixed = dir.resolve("fixed.vhd");
        Path dynamic = dir.resolve("dynamic.vhd");
        Tool.run("qemu-img", "create", "-q", "-f", "vpc", "-o", "subformat=dynamic", dynamic.toString(), "10M").assertOk();
        try (DiskImage f = DiskImages.create(fixed, ImageFormat.VHD_FIXED, 8 * MIB, 512);
             DiskImage d = DiskImages.open(dynamic, true, 512)) {
            writePatterns(f);
            writePatterns(d);
            f.grow(16 * MIB);
            d.grow(20 * MIB);
            f.write(16 * MIB - 512, ByteBuffer.wrap(new byte[512]).put(0, (byte) 7));
        }
        assertEquals(16 * MIB, QemuImg.virtualSize(fixed, "vpc"));
        assertEquals(20 * MIB, QemuImg.virtualSize(dynamic, "vpc"));
        QemuImg.io(fixed, "vpc", "read -P 0 8M 4M").assertOk(); // the old footer is now zeroed disk space
        Tool.Result last = QemuImg.io(fixed, "vpc", "read -P 7 16776704 1").assertOk();
        assertFalse(last.output().contains("Pattern verification failed"), last::describe);
        QemuImg.io(dynamic, "vpc", "write -P 0x44 19M 4096").assertOk();
        try (DiskImage d = DiskImages.open(dynamic, false, 512)) {
            byte[] b = new byte[4096];
            d.read(19 * MIB, ByteBuffer.wrap(b));
            for (byte x : b) assertEquals(0x44, x);
        }
    }

    @Test
    void batMovedToTheEndIsReadByQemu() throws IOException {
        Path vhd = dir.resolve("moved.vhd");
        try (DynamicVhd d = (DynamicVhd) DiskImages.create(vhd, ImageFormat.VHD_DYNAMIC, 4 * MIB, 512)) {
            writePatterns(d);
            d.grow(300 * MIB);
            assertNotEquals(1536, d.header().tableOffset());
            d.write(300 * MIB - 512, ByteBuffer.wrap(new byte[512]).put(100, (byte) 0x5A));
        }
        assertEquals(300 * MIB, QemuImg.virtualSize(vhd, "vpc"));
        Tool.Result r = QemuImg.io(vhd, "vpc", "read -P 0x5a 314572388 1", "read -P 0 10M 1M").assertOk();
        assertFalse(r.output().contains("Pattern verification failed"), r::describe);
        // qemu allocates its next block after our relocated BAT; we must read it back.
        QemuImg.io(vhd, "vpc", "write -P 0x66 100M 1M").assertOk();
        try (DiskImage d = DiskImages.open(vhd, false, 512)) {
            byte[] b = new byte[512];
            d.read(101 * MIB - 512, ByteBuffer.wrap(b));
            for (byte x : b) assertEquals(0x66, x);
        }
    }

    @Test
    void sparse127GiBDynamicVhdWithOneSector() throws IOException {
        Path vhd = dir.resolve("os-disk.vhd");
        long size = 127L << 30;
        long lba = 200_000_000L;
        try (DynamicVhd d = (DynamicVhd) DiskImages.create(vhd, ImageFormat.VHD_DYNAMIC, size, 512)) {
            d.write(lba * 512, ByteBuffer.wrap(new byte[512]).put(0, (byte) 0x5A).put(511, (byte) 0x5A));
            assertEquals(1, d.allocatedBlocks());
        }
        assertEquals(size, QemuImg.virtualSize(vhd, "vpc"));
        Tool.Result r = QemuImg.io(vhd, "vpc", "read -P 0x5a " + lba * 512 + " 1", "read -P 0x5a " + (lba * 512 + 511) + " 1",
                "read -P 0 " + (lba * 512 + 1) + " 510", "read -P 0 " + (size - 4096) + " 4096").assertOk();
        assertFalse(r.output().contains("Pattern verification failed"), r::describe);
        assertTrue(Files.size(vhd) < 3 * MIB, "footer, header, 254 KiB BAT, one block");
        assertTrue(SparseFile.allocatedBytes(vhd) < MIB, "and mostly holes");
    }

    @Test
    void growExposesZerosEvenWhereQemuMarkedTheWholeBlockWritten() throws IOException {
        Path vhd = dir.resolve("qemu.vhd");
        Tool.run("qemu-img", "create", "-q", "-f", "vpc", "-o", "subformat=dynamic", vhd.toString(), "10M").assertOk();
        long oldSize = QemuImg.virtualSize(vhd, "vpc"); // 10 MiB + 28 KiB: CHS rounding, mid-block
        QemuImg.io(vhd, "vpc", "write -P 0x77 " + (oldSize - 512) + " 512").assertOk();
        // Stale bytes past the old end inside the last block (qemu's bitmap says "written" for all of it).
        long bitmapOffset;
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(vhd, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            ByteBuffer entry = ByteBuffer.allocate(4);
            f.read(entry, 1536 + 5 * 4);
            bitmapOffset = Integer.toUnsignedLong(entry.getInt(0)) * 512;
            byte[] junk = new byte[4096];
            java.util.Arrays.fill(junk, (byte) 0xEE);
            f.write(ByteBuffer.wrap(junk), bitmapOffset + 512 + (oldSize - 10 * MIB) + 8192);
        }
        try (DiskImage d = DiskImages.open(vhd, true, 512)) {
            d.grow(12 * MIB);
            byte[] tail = new byte[(int) (12 * MIB - oldSize)];
            d.read(oldSize, ByteBuffer.wrap(tail));
            assertArrayEquals(new byte[tail.length], tail);
        }
        Tool.Result r = QemuImg.io(vhd, "vpc", "read -P 0x77 " + (oldSize - 512) + " 512",
                "read -P 0 " + oldSize + " " + (12 * MIB - oldSize)).assertOk();
        assertFalse(r.output().contains("Pattern verification failed"), r::describe);
    }
}
