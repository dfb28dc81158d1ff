package dev.trustlift.disk.container;

import static org.junit.jupiter.api.Assertions.*;

import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.testing.SparseFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged VHDs are refused with one line naming the value, and opening them changes no byte. */
class VhdCorruptionTest {
    private static final long MIB = 1L << 20;
    private static final long BAT = 1536;

    @TempDir
    Path dir;

    private Path dynamicImage() throws IOException {
        Path p = dir.resolve("d.vhd");
        try (DiskImage d = DiskImages.create(p, ImageFormat.VHD_DYNAMIC, 8 * MIB, 512)) {
            d.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
            d.write(5 * MIB, ByteBuffer.wrap(new byte[] {5, 6, 7, 8}));
        }
        return p;
    }

    private Path fixedImage() throws IOException {
        Path p = dir.resolve("f.vhd");
        try (DiskImage d = DiskImages.create(p, ImageFormat.VHD_FIXED, 4 * MIB, 512)) {
            d.write(0, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        }
        return p;
    }

    private static void poke(Path p, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel f = FileChannel.open(p, StandardOpenOption.WRITE)) {
            f.write(bytes, offset);
        }
    }

    private static ByteBuffer peek(Path p, long offset, int length) throws IOException {
        try (FileChannel f = FileChannel.open(p)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            f.read(b, offset);
            return b.flip();
        }
    }

    /** Rewrites a footer or header structure after editing it, with a valid checksum, so a later check fires. */
    private static void edit(Path p, long offset, int size, int checksumOffset, java.util.function.Consumer<ByteBuffer> change)
            throws IOException {
        ByteBuffer b = peek(p, offset, size);
        change.accept(b);
        b.putInt(checksumOffset, VhdChecksum.compute(b, size, checksumOffset));
        poke(p, offset, b.rewind());
    }

    private static String refused(Path p, String... expected) throws IOException {
        String before = SparseFile.sha256(p);
        String message = null;
        for (boolean writable : new boolean[] {false, true}) {
            CorruptImageException e = assertThrows(CorruptImageException.class, () -> DiskImages.open(p, writable, 512).close());
            message = e.getMessage();
            assertFalse(message.contains("\n"), "one line: " + message);
            assertTrue(message.startsWith(p.toString()), "names the file: " + message);
            for (String s : expected) {
                assertTrue(message.contains(s), () -> "expected \"" + s + "\" in: " + e.getMessage());
            }
        }
        assertEquals(before, SparseFile.sha256(p), "the damaged file is byte-identical after the refusal");
        return message;
    }

    @Test
    void footerChecksumMismatch() throws IOException {
        Path p = fixedImage();
        long footer = 4 * MIB;
        int stored = peek(p, footer + 64, 4).getInt();
        poke(p, footer + 40, ByteBuffer.wrap(new byte[] {1})); // original size's top byte
        refused(p, String.format("VHD footer checksum mismatch at offset %d: stored 0x%08X computed 0x%08X",
                footer, stored, stored - 1));
    }

    @Test
    void fixedVhdWithMissingData() throws IOException {
        Path p = fixedImage();
        ByteBuffer footer = peek(p, 4 * MIB, 512);
        try (FileChannel f = FileChannel.open(p, StandardOpenOption.WRITE)) {
            f.truncate(3 * MIB);
        }
        poke(p, 3 * MIB, footer);
        refused(p, "footer says the disk is 4194304 bytes but the file holds 3145728 bytes", "truncated");
    }

    @Test
    void truncatedDynamicVhd() throws IOException {
        Path p = dynamicImage();
        long size = java.nio.file.Files.size(p);
        try (FileChannel f = FileChannel.open(p, StandardOpenOption.WRITE)) {
            f.truncate(size - 100 * 1024);
        }
        refused(p, "footer copy at offset 0 is valid", "offset " + (size - 100 * 1024 - 512), "truncated");
    }

    @Test
    void damagedTrailingFooterCookie() throws IOException {
        Path p = dynamicImage();
        long end = java.nio.file.Files.size(p) - 512;
        poke(p, end, ByteBuffer.wrap("XXXXXXXX".getBytes()));
        refused(p, "missing or damaged (cookie \"XXXXXXXX\")");
    }

    @Test
    void footerCopyDisagreesWithTrailingFooter() throws IOException {
        Path p = dynamicImage();
        edit(p, 0, 512, 64, b -> b.putLong(48, 16 * MIB));
        refused(p, "footer copy at offset 0 does not match", "current size is 16777216");
    }

    @Test
    void batEntryOutsideTheFile() throws IOException {
        Path p = dynamicImage();
        poke(p, BAT, ByteBuffer.allocate(4).putInt(0, 0x00FFFFFF));
        refused(p, "BAT entry 0 points at offset " + 0x00FFFFFFL * 512, "sector 0x00FFFFFF");
    }

    @Test
    void batEntryPointingIntoTheHeader() throws IOException {
        Path p = dynamicImage();
        poke(p, BAT + 4, ByteBuffer.allocate(4).putInt(0, 1));
        refused(p, "BAT entry 1 points at offset 512", "over the dynamic header");
    }

    @Test
    void batLongerThanItsRoomOverlapsTheBlocks() throws IOException {
        Path p = dynamicImage();
        edit(p, 512, 1024, 36, b -> b.putInt(28, 1000)); // 4000 bytes of BAT now run over the first block at 2048
        refused(p, "BAT entry 0 points at offset 2048 (sector 0x00000004), over the BAT itself (offsets 1536 to 5536)");
    }

    @Test
    void twoBatEntriesSharingABlock() throws IOException {
        Path p = dynamicImage();
        ByteBuffer first = peek(p, BAT, 4);
        poke(p, BAT + 8, first);
        refused(p, "overlap");
    }

    @Test
    void wrongHeaderCookie() throws IOException {
        Path p = dynamicImage();
        poke(p, 512, ByteBuffer.wrap("cxspaRSE".getBytes()));
        refused(p, "dynamic header at offset 512 has cookie \"cxspaRSE\"");
    }

    @Test
    void headerChecksumMismatch() throws IOException {
        Path p = dynamicImage();
        poke(p, 512 + 600, ByteBuffer.wrap(new byte[] {42}));
        refused(p, "VHD dynamic header checksum mismatch at offset 512: stored 0x");
    }

    @Test
    void blockSizeNotAPowerOfTwo() throws IOException {
        Path p = dynamicImage();
        edit(p, 512, 1024, 36, b -> b.putInt(32, 3 << 20));
        refused(p, "block size 3145728, not a power of two");
    }

    @Test
    void batLargerThanTheFile() throws IOException {
        Path p = dir.resolve("empty.vhd");
        DiskImages.create(p, ImageFormat.VHD_DYNAMIC, 8 * MIB, 512).close();
        edit(p, 512, 1024, 36, b -> b.putInt(28, 1000));
        refused(p, "BAT at offset 1536 with 1000 entries does not fit between the header and the footer at offset 2048",
                "truncated?");
    }

    @Test
    void absurdBatSize() throws IOException {
        Path p = dynamicImage();
        edit(p, 512, 1024, 36, b -> b.putInt(28, -1));
        refused(p, "BAT claims 4294967295 entries");
        edit(p, 512, 1024, 36, b -> b.putInt(28, 1 << 24).putInt(32, 512)); // 8 GiB of 512-byte blocks: plausible count
        refused(p, "BAT at offset 1536 with 16777216 entries does not fit");
    }

    @Test
    void batTooSmallForTheDisk() throws IOException {
        Path p = dynamicImage();
        edit(p, 512, 1024, 36, b -> b.putInt(28, 2));
        refused(p, "BAT has 2 entries", "less than the disk's 8388608 bytes");
    }

    @Test
    void differencingDisksAreRefused() throws IOException {
        Path p = dynamicImage();
        long end = java.nio.file.Files.size(p) - 512;
        edit(p, 0, 512, 64, b -> b.putInt(60, 4));
        edit(p, end, 512, 64, b -> b.putInt(60, 4));
        refused(p, "differencing VHDs (disk type 4) are not supported");
    }

    @Test
    void virtualSizeNotWholeLogicalSectors() throws IOException {
        Path p = dir.resolve("odd.vhd");
        dev.trustlift.disk.testing.RequiredTools.require("qemu-img", "qemu-io");
        dev.trustlift.disk.testing.Tool.run("qemu-img", "create", "-q", "-f", "vpc", "-o",
                "subformat=dynamic,force_size=on", p.toString(), Long.toString(4 * MIB + 512)).assertOk();
        assertEquals(4 * MIB + 512, VhdFooter.parse(peek(p, 0, 512), 0).currentSize());
        String before = SparseFile.sha256(p);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> DiskImages.open(p, true, 4096));
        assertTrue(e.getMessage().contains("not a whole number of 4096-byte sectors"), e.getMessage());
        assertEquals(before, SparseFile.sha256(p));
    }
}
