package dev.trustlift.disk.container;

import static org.junit.jupiter.api.Assertions.*;

import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.testing.SparseFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskImagesTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @Test
    void detectsEachFormatFromTheBytes() throws IOException {
        for (ImageFormat format : ImageFormat.values()) {
            for (int sectorSize : new int[] {512, 4096}) {
                Path p = dir.resolve(format + "-" + sectorSize + ".img");
                DiskImages.create(p, format, 4 * MIB, sectorSize).close();
                try (DiskImage d = DiskImages.open(p, false, sectorSize)) {
                    assertEquals(format, d.format());
                    assertEquals(4 * MIB, d.size());
                    assertEquals(sectorSize, d.sectorSize());
                    assertFalse(d.isWritable());
                }
            }
        }
    }

    @Test
    void createdFilesHaveTheSpecifiedLayout() throws IOException {
        Path raw = dir.resolve("a.raw");
        Path fixed = dir.resolve("a.vhd");
        DiskImages.create(raw, ImageFormat.RAW, 4 * MIB, 512).close();
        DiskImages.create(fixed, ImageFormat.VHD_FIXED, 4 * MIB, 512).close();
        assertEquals(4 * MIB, Files.size(raw));
        assertEquals(4 * MIB + 512, Files.size(fixed));
        assertTrue(SparseFile.allocatedBytes(raw) < 64 * 1024, "raw stays sparse");
        assertTrue(SparseFile.allocatedBytes(fixed) < 64 * 1024, "fixed VHD data stays sparse");
        VhdFooter footer = VhdFooter.parse(ByteBuffer.wrap(Files.readAllBytes(fixed), (int) (4 * MIB), 512), 4 * MIB);
        assertEquals(VhdDiskType.FIXED, footer.diskType());
        assertEquals(4 * MIB, footer.originalSize());
        assertEquals(VhdFooter.CREATOR_APPLICATION, footer.creatorApplication());
    }

    @Test
    void aRawDiskWithoutFooterIsRaw() throws IOException {
        Path p = dir.resolve("disk.raw");
        byte[] data = new byte[(int) MIB];
        for (int i = 0; i < data.length; i++) data[i] = (byte) i;
        Files.write(p, data);
        try (DiskImage d = DiskImages.open(p, false, 512)) {
            assertEquals(ImageFormat.RAW, d.format());
            assertEquals(MIB, d.size());
        }
        Path odd = Files.write(dir.resolve("odd.raw"), new byte[1000]);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> DiskImages.open(odd, false, 512));
        assertTrue(e.getMessage().contains("size 1000 bytes is not a whole number of 512-byte sectors"), e.getMessage());
    }

    @Test
    void fixedVhdGrowsWithANewFooterAndZeroedOldOne() throws IOException {
        Path p = dir.resolve("f.vhd");
        try (FixedVhd d = (FixedVhd) DiskImages.create(p, ImageFormat.VHD_FIXED, 4 * MIB, 512)) {
            d.write(4 * MIB - 512, ByteBuffer.wrap(new byte[] {9}));
            long before = d.fileBytesWritten();
            d.grow(6 * MIB);
            assertEquals(1024, d.fileBytesWritten() - before, "new footer + zeroed old footer");
            byte[] old = new byte[512];
            d.read(4 * MIB, ByteBuffer.wrap(old));
            assertArrayEquals(new byte[512], old);
        }
        assertEquals(6 * MIB + 512, Files.size(p));
        try (FixedVhd d = (FixedVhd) DiskImages.open(p, false, 512)) {
            assertEquals(6 * MIB, d.size());
            assertEquals(4 * MIB, d.footer().originalSize());
            assertEquals(VhdGeometry.forSize(6 * MIB), d.footer().geometry());
            ByteBuffer b = ByteBuffer.allocate(1);
            d.read(4 * MIB - 512, b);
            assertEquals(9, b.get(0));
        }
    }

    @Test
    void rawGrowsSparsely() throws IOException {
        Path p = dir.resolve("r.raw");
        try (DiskImage d = DiskImages.create(p, ImageFormat.RAW, 4 * MIB, 4096)) {
            d.grow(1L << 30);
            assertEquals(1L << 30, d.size());
            assertThrows(IllegalArgumentException.class, () -> d.grow((1L << 30) + 512));
        }
        assertEquals(1L << 30, Files.size(p));
        assertTrue(SparseFile.allocatedBytes(p) < MIB);
    }

    @Test
    void accessOutsideTheDiskIsRefused() throws IOException {
        for (ImageFormat format : ImageFormat.values()) {
            try (DiskImage d = DiskImages.create(dir.resolve(format + ".img"), format, MIB, 512)) {
                assertThrows(IOException.class, () -> d.read(MIB - 511, ByteBuffer.allocate(512)), format::name);
                assertThrows(IOException.class, () -> d.write(MIB, ByteBuffer.allocate(1)), format::name);
                assertThrows(IOException.class, () -> d.read(-1, ByteBuffer.allocate(1)), format::name);
            }
        }
    }

    @Test
    void unsupportedSectorSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DiskImages.create(dir.resolve("x"), ImageFormat.RAW, MIB, 1024));
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
