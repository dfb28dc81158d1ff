package dev.trustlift.disk.container;

import static org.junit.jupiter.api.Assertions.*;

import dev.trustlift.disk.testing.SparseFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicVhdTest {
    private static final long MIB = 1L << 20;
    private static final long BLOCK = 2 * MIB;

    @TempDir
    Path dir;

    private static ByteBuffer pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed + i * 13 + (i >> 9));
        return ByteBuffer.wrap(b);
    }

    private static byte[] read(DiskImage d, long pos, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        d.read(pos, b);
        return b.array();
    }

    @Test
    void newImageIsSmallAndReadsAsZeros() throws IOException {
        Path p = dir.resolve("d.vhd");
        try (DiskImage d = DiskImages.create(p, ImageFormat.VHD_DYNAMIC, 8 * MIB, 512)) {
            assertEquals(ImageFormat.VHD_DYNAMIC, d.format());
            assertEquals(8 * MIB, d.size());
            assertArrayEquals(new byte[4096], read(d, 8 * MIB - 4096, 4096));
        }
        assertEquals(512 + 1024 + 512 + 512, Files.size(p));
    }

    @Test
    void oneSectorWriteTouchesOnlyWhatChanges() throws IOException {
        Path p = dir.resolve("d.vhd");
        DiskImages.create(p, ImageFormat.VHD_DYNAMIC, 64 * MIB, 512).close();
        try (DynamicVhd d = (DynamicVhd) DiskImages.open(p, true, 512)) {
            d.write(BLOCK * 5 + 512, pattern(512, 1));
            // new footer 512 + bitmap 512 (over the old footer) + data 512 + one BAT entry 4
            assertEquals(512 + 512 + 512 + 4, d.fileBytesWritten());
            d.write(BLOCK * 5 + 1024, pattern(512, 2));
            // data 512 + the one bitmap byte that changed
            assertEquals(1540 + 512 + 1, d.fileBytesWritten());
            d.write(BLOCK * 7, ByteBuffer.allocate(1 << 20));
            assertEquals(1540 + 513, d.fileBytesWritten(), "writing zeros to an unallocated block allocates nothing");
            assertEquals(1, d.allocatedBlocks());
        }
        assertEquals(2560 + 512 + BLOCK, Files.size(p));
        try (DiskImage d = DiskImages.open(p, false, 512)) {
            assertArrayEquals(new byte[512], read(d, BLOCK * 5, 512));
            assertArrayEquals(pattern(512, 1).array(), read(d, BLOCK * 5 + 512, 512));
            assertArrayEquals(pattern(512, 2).array(), read(d, BLOCK * 5 + 1024, 512));
        }
    }

    @Test
    void clearBitmapBitsReadAsZeroWhateverTheBlockHolds() throws IOException {
        Path p = dir.resolve("d.vhd");
        DiskImages.create(p, ImageFormat.VHD_DYNAMIC, 8 * MIB, 512).close();
        try (DiskImage d = DiskImages.open(p, true, 512)) {
            d.write(BLOCK + 512 * 3, pattern(512, 9));
        }
        // Put garbage in the block's data area where the bitmap says "no data" (sector 0 of block 1).
        long blockStart = 2048; // footer copy + header + one BAT sector: the first block goes where the footer was
        try (FileChannel f = FileChannel.open(p, StandardOpenOption.WRITE)) {
            f.write(pattern(512, 77), blockStart + 512);
        }
        try (DiskImage d = DiskImages.open(p, false, 512)) {
            assertArrayEquals(new byte[512 * 3], read(d, BLOCK, 512 * 3));
            byte[] span = read(d, BLOCK + 100, 512 * 4);
            assertArrayEquals(pattern(512, 9).array(), Arrays.copyOfRange(span, 512 * 3 - 100, 512 * 4 - 100));
        }
    }

    @Test
    void unalignedWritesKeepTheirNeighbours() throws IOException {
        Path p = dir.resolve("d.vhd");
        byte[] expected = new byte[(int) (8 * MIB)];
        try (DiskImage d = DiskImages.create(p, ImageFormat.VHD_DYNAMIC, 8 * MIB, 4096)) {
            long[][] writes = {{BLOCK - 700, 1500}, {BLOCK - 200, 100}, {3, 5}, {8 * MIB - 10, 10}, {4 * MIB + 4000, 300_000}};
            int seed = 0;
            for (long[] w : writes) {
                ByteBuffer data = pattern((int) w[1], seed++);
                System.arraycopy(data.array(), 0, expected, (int) w[0], (int) w[1]);
                d.write(w[0], data);
            }
            assertArrayEquals(expected, read(d, 0, expected.length));
        }
        try (DiskImage d = DiskImages.open(p, false, 4096)) {
            assertEquals(4096, d.sectorSize());
            assertArrayEquals(expected, read(d, 0, expected.length));
        }
    }

    @Test
    void growInPlaceAndByMovingTheBat() throws IOException {
        Path p = dir.resolve("d.vhd");
        DiskImages.create(p, ImageFormat.VHD_DYNAMIC, 4 * MIB, 512).close();
        try (DynamicVhd d = (DynamicVhd) DiskImages.open(p, true, 512)) {
            d.write(0, pattern(4096, 1));
            d.grow(200 * MIB); // 100 entries: still inside the BAT's first 512-byte sector
            assertEquals(1536, d.header().tableOffset());
            assertEquals(100, d.header().maxTableEntries());
            d.grow(300 * MIB); // 150 entries: no room, the BAT moves to the end
            assertTrue(d.header().tableOffset() > 1536);
            d.write(300 * MIB - 512, pattern(512, 2));
        }
        try (DynamicVhd d = (DynamicVhd) DiskImages.open(p, false, 512)) {
            assertEquals(300 * MIB, d.size());
            assertEquals(VhdGeometry.forSize(300 * MIB), d.footer().geometry());
            assertEquals(4 * MIB, d.footer().originalSize());
            assertArrayEquals(pattern(4096, 1).array(), read(d, 0, 4096));
            assertArrayEquals(pattern(512, 2).array(), read(d, 300 * MIB - 512, 512));
            assertArrayEquals(new byte[512], read(d, 250 * MIB, 512));
            assertEquals(2, d.allocatedBlocks());
        }
    }

    @Test
    void readOnlyImagesRefuseWritesAndStayByteIdentical() throws IOException {
        Path p = dir.resolve("d.vhd");
        try (DiskImage d = DiskImages.create(p, ImageFormat.VHD_DYNAMIC, 8 * MIB, 512)) {
            d.write(MIB, pattern(512, 3));
        }
        String before = SparseFile.sha256(p);
        try (DiskImage d = DiskImages.open(p, false, 512)) {
            read(d, 0, (int) (8 * MIB));
            assertThrows(IOException.class, () -> d.write(0, pattern(512, 4)));
            assertThrows(IOException.class, () -> d.grow(16 * MIB));
        }
        assertEquals(before, SparseFile.sha256(p));
    }

    @Test
    void sizesAreCheckedOnCreateAndGrow() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> DiskImages.create(dir.resolve("a.vhd"), ImageFormat.VHD_DYNAMIC, MIB + 512, 512));
        assertThrows(IllegalArgumentException.class, () -> DiskImages.create(dir.resolve("b.vhd"), ImageFormat.VHD_DYNAMIC, 2041L << 30, 512));
        try (DiskImage d = DiskImages.create(dir.resolve("c.vhd"), ImageFormat.VHD_DYNAMIC, 4 * MIB, 512)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.grow(2 * MIB));
            assertTrue(e.getMessage().contains("cannot shrink"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.grow(5 * MIB + 512));
        }
        assertThrows(java.nio.file.FileAlreadyExistsException.class,
                () -> DiskImages.create(dir.resolve("c.vhd"), ImageFormat.VHD_DYNAMIC, 4 * MIB, 512));
    }

    @Test
    void largeSparseDiskCostsAlmostNothing() throws IOException {
        Path p = dir.resolve("big.vhd");
        long size = 127L << 30;
        try (DynamicVhd d = (DynamicVhd) DiskImages.create(p, ImageFormat.VHD_DYNAMIC, size, 512)) {
            assertEquals(65024, d.header().maxTableEntries());
            d.write(size - 512, pattern(512, 5));
            assertEquals(512 + 512 + 512 + 4, d.fileBytesWritten());
        }
        try (DiskImage d = DiskImages.open(p, false, 512)) {
            assertEquals(size, d.size());
            assertArrayEquals(pattern(512, 5).array(), read(d, size - 512, 512));
        }
        assertTrue(SparseFile.allocatedBytes(p) < 2 * MIB, "file stays sparse");
    }
}
