package dev.trustlift.disk.container;

import static org.junit.jupiter.api.Assertions.*;

import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.testing.RequiredTools;
import dev.trustlift.disk.testing.Tool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VhdFooterTest {

    @TempDir
    Path dir;

    private static VhdFooter sample() {
        return new VhdFooter(VhdFooter.FEATURES_RESERVED, VhdFooter.FORMAT_VERSION, 512,
                Instant.parse("2026-11-29T00:00:00Z"), "win ", 0x000A0000, "Wi2k", 30L << 30, 31L << 30,
                VhdGeometry.forSize(31L << 30), VhdDiskType.DYNAMIC,
                UUID.fromString("01234567-89ab-cdef-0123-456789abcdef"), false);
    }

    @Test
    void roundTripsEveryField() throws IOException {
        assertEquals(sample(), VhdFooter.parse(sample().toBuffer(), 0));
    }

    @Test
    void writesBigEndianFieldsWhereTheSpecPutsThem() {
        ByteBuffer b = sample().toBuffer().order(ByteOrder.BIG_ENDIAN);
        assertEquals("conectix", new String(b.array(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(2, b.getInt(8));
        assertEquals(0x00010000, b.getInt(12));
        assertEquals(512, b.getLong(16));
        assertEquals(30L << 30, b.getLong(40));
        assertEquals(31L << 30, b.getLong(48));
        assertEquals(3, b.getInt(60));
        assertEquals(0x01234567, b.getInt(68));
        // One's complement of the byte sum with the field zeroed, computed here independently.
        int sum = 0;
        for (int i = 0; i < 512; i++) if (i < 64 || i >= 68) sum += b.get(i) & 0xFF;
        assertEquals(~sum, b.getInt(64));
    }

    @Test
    void checksumMismatchNamesOffsetAndBothValues() {
        ByteBuffer b = sample().toBuffer();
        int stored = b.getInt(64);
        b.put(100, (byte) 1);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> VhdFooter.parse(b, 4096));
        assertEquals(String.format("VHD footer checksum mismatch at offset 4096: stored 0x%08X computed 0x%08X",
                stored, stored - 1), e.getMessage());
    }

    @Test
    void wrongCookieAndUnknownDiskTypeAreRefused() {
        ByteBuffer b = sample().toBuffer();
        b.put(0, (byte) 'X');
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> VhdFooter.parse(b, 0));
        assertTrue(e.getMessage().contains("\"Xonectix\""), e.getMessage());

        ByteBuffer t = sample().toBuffer();
        t.putInt(60, 7);
        t.putInt(64, VhdChecksum.compute(t, 512, 64));
        e = assertThrows(CorruptImageException.class, () -> VhdFooter.parse(t, 0));
        assertTrue(e.getMessage().contains("disk type 7"), e.getMessage());
    }

    @Test
    void geometryFollowsTheSpecAlgorithm() {
        assertEquals(new VhdGeometry(65535, 16, 255), VhdGeometry.forSize(VhdGeometry.MAX_CHS_SECTORS * 512));
        assertEquals(new VhdGeometry(65535, 16, 255), VhdGeometry.forSize(2040L << 30));
        // 127 GiB, the usual Azure OS disk: past 65535*16*63 sectors, so 255 sectors per track.
        VhdGeometry g = VhdGeometry.forSize(127L << 30);
        assertEquals(16, g.heads());
        assertEquals(255, g.sectorsPerTrack());
        assertEquals((127L << 30) / 512 / 255 / 16, g.cylinders());
        assertEquals(new VhdGeometry(1024, 16, 63), VhdGeometry.forSize(1024L * 16 * 63 * 512));
    }

    @Test
    void readsQemuFootersAndHeadersByteForByte() throws IOException {
        RequiredTools.require("qemu-img");
        Path fixed = dir.resolve("fixed.vhd");
        Path dynamic = dir.resolve("dynamic.vhd");
        Tool.run("qemu-img", "create", "-q", "-f", "vpc", "-o", "subformat=fixed", fixed.toString(), "10M").assertOk();
        Tool.run("qemu-img", "create", "-q", "-f", "vpc", "-o", "subformat=dynamic", dynamic.toString(), "100M").assertOk();
        try (FileChannel f = FileChannel.open(fixed)) {
            ByteBuffer raw = ByteBuffer.allocate(512);
            f.read(raw, f.size() - 512);
            VhdFooter footer = VhdFooter.parse(raw.flip(), f.size() - 512);
            assertEquals("qemu", footer.creatorApplication());
            assertEquals(VhdDiskType.FIXED, footer.diskType());
            assertEquals(f.size() - 512, footer.currentSize());
            assertEquals(VhdFooter.NO_DATA_OFFSET, footer.dataOffset());
            // qemu computed this geometry with its own code; ours must agree for the size it chose.
            assertEquals(VhdGeometry.forSize(footer.currentSize()), footer.geometry());
            assertEquals(footer.currentSize(), footer.geometry().sectors() * 512);
            assertEquals(raw.rewind(), footer.toBuffer());
        }
        try (FileChannel f = FileChannel.open(dynamic)) {
            ByteBuffer head = ByteBuffer.allocate(1536);
            f.read(head, 0);
            head.flip();
            VhdFooter footer = VhdFooter.parse(head.slice(0, 512), 0);
            assertEquals(VhdDiskType.DYNAMIC, footer.diskType());
            DynamicHeader header = DynamicHeader.parse(head.slice(512, 1024), 512);
            assertEquals(1536, header.tableOffset());
            assertEquals(2L << 20, header.blockSize());
            assertEquals((footer.currentSize() + header.blockSize() - 1) / header.blockSize(), header.maxTableEntries());
            assertEquals(512, header.bitmapSize());
            assertEquals(head.slice(512, 1024), header.toBuffer());
            assertEquals(header, DynamicHeader.parse(header.toBuffer(), 512));
        }
    }

    @Test
    void dynamicHeaderRefusesBadBlockSizeAndChecksum() {
        ByteBuffer b = DynamicHeader.create(1536, 4, 2L << 20).toBuffer();
        b.putInt(32, 3 << 20);
        b.putInt(36, VhdChecksum.compute(b, 1024, 36));
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> DynamicHeader.parse(b, 512));
        assertTrue(e.getMessage().contains("block size 3145728"), e.getMessage());
        b.put(900, (byte) 9);
        e = assertThrows(CorruptImageException.class, () -> DynamicHeader.parse(b, 512));
        assertTrue(e.getMessage().startsWith("VHD dynamic header checksum mismatch at offset 512"), e.getMessage());
    }
}
