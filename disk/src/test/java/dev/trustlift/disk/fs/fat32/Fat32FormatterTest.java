package dev.trustlift.disk.fs.fat32;

import static org.junit.jupiter.api.Assertions.*;

import dev.trustlift.disk.io.CountingBlockDevice;
import dev.trustlift.disk.io.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class Fat32FormatterTest {
    private static final long MIB = 1L << 20;
    private static final LocalDateTime WHEN = LocalDateTime.of(2026, 1, 2, 3, 4, 6);

    @Test
    void choosesWindowsClusterSizes() {
        assertEquals(1, Fat32Geometry.forVolume(100 * MIB / 512, 512).sectorsPerCluster());
        assertEquals(1, Fat32Geometry.forVolume(260 * MIB / 4096, 4096).sectorsPerCluster());
        assertEquals(8, Fat32Geometry.forVolume(1024 * MIB / 512, 512).sectorsPerCluster());
        assertEquals(64, Fat32Geometry.forVolume((64L << 30) / 512, 512).sectorsPerCluster());
        assertEquals(8, Fat32Geometry.forVolume((64L << 30) / 4096, 4096).sectorsPerCluster());
    }

    @Test
    void fatCoversEveryClusterWithoutWaste() {
        for (long sectors = Fat32Geometry.minimumSectors(512); sectors < 300_000; sectors += 7919) {
            Fat32Geometry g = Fat32Geometry.forVolume(sectors, 512);
            long entries = g.fatSectors() * 512 / 4;
            assertTrue(entries >= g.clusterCount() + 2, () -> "FAT too small for " + g);
            assertTrue(entries - 128 < g.clusterCount() + 2 + 2 * 128, () -> "FAT needlessly big for " + g);
            assertTrue(g.firstDataSector() + g.clusterCount() * g.sectorsPerCluster() <= sectors);
        }
    }

    @Test
    void refusesAVolumeTooSmallForFat32() {
        long tooSmall = Fat32Geometry.minimumSectors(512) - 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fat32Formatter.format(new MemoryBlockDevice(tooSmall * 512, 512), "ESP", 1));
        assertTrue(e.getMessage().contains("too small for FAT32"), e.getMessage());
        assertTrue(e.getMessage().contains("65525"), e.getMessage());
        // 100 MiB is fine at 512-byte sectors but not at 4096, which is why Windows uses 260 MiB there.
        assertThrows(IllegalArgumentException.class,
                () -> Fat32Formatter.format(new MemoryBlockDevice(100 * MIB, 4096), "ESP", 1));
        assertDoesNotThrow(() -> Fat32Formatter.format(new MemoryBlockDevice(Fat32Geometry.minimumSectors(512) * 512, 512), "ESP", 1));
    }

    @Test
    void refusesBadLabels() {
        MemoryBlockDevice dev = new MemoryBlockDevice(64 * MIB, 512);
        assertThrows(IllegalArgumentException.class, () -> Fat32Formatter.format(dev, "TWELVE CHARS", 1));
        assertThrows(IllegalArgumentException.class, () -> Fat32Formatter.format(dev, "A/B", 1));
        assertEquals(0, dev.allocatedBytes(), "nothing written after a refusal");
    }

    @Test
    void writesOnlyMetadataOnALargeVolume() throws IOException {
        MemoryBlockDevice mem = new MemoryBlockDevice(8L << 30, 512);
        CountingBlockDevice dev = new CountingBlockDevice(mem);
        Fat32BootSector boot = Fat32Formatter.format(dev, "BIG", 7);
        long expected = (boot.firstDataSector() + boot.sectorsPerCluster()) * 512L;
        assertEquals(expected, dev.bytesWritten());
        assertEquals(0, dev.bytesRead());
        assertTrue(dev.bytesWritten() < 20 * MIB, dev.counts().toString());
    }

    @Test
    void laysDownFatsFsInfoBackupAndLabel() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(100 * MIB, 512);
        Fat32BootSector boot = Fat32Formatter.format(dev, "efi", 0x01020304, 2048, WHEN);
        assertEquals(boot, Fat32BootSector.parse(dev.readSectors(0, 1)));
        assertEquals(boot, Fat32BootSector.parse(dev.readSectors(6, 1)));
        assertEquals(2048, boot.hiddenSectors());
        assertEquals("EFI        ", boot.volumeLabel());
        FsInfo info = FsInfo.parse(dev.readSectors(1, 1));
        assertEquals(boot.clusterCount() - 1, info.freeClusters());
        assertEquals(info, FsInfo.parse(dev.readSectors(7, 1)));
        for (int fat = 0; fat < 2; fat++) {
            ByteBuffer f = dev.readSectors(32 + fat * boot.fatSectors(), 1).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x0FFFFFF8, f.getInt(0));
            assertEquals(0x0FFFFFFF, f.getInt(4));
            assertEquals(0x0FFFFFFF, f.getInt(8));
            assertEquals(0, f.getInt(12));
        }
        DirectoryEntry label = DirectoryEntry.parse(dev.readSectors(boot.clusterToSector(2), 1));
        assertEquals(new DirectoryEntry("EFI        ", DirectoryEntry.ATTR_VOLUME_ID, WHEN, WHEN, 0, 0), label);
    }

    @Test
    void emptyLabelMeansNoName() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(64 * MIB, 512);
        Fat32BootSector boot = Fat32Formatter.format(dev, "", 1);
        assertEquals("NO NAME    ", boot.volumeLabel());
        assertEquals(0, dev.readSectors(boot.clusterToSector(2), 1).get(0), "no label entry");
    }
}
