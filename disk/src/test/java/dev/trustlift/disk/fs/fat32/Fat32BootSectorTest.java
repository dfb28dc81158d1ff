package dev.trustlift.disk.fs.fat32;

import static org.junit.jupiter.api.Assertions.*;

import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.testing.RequiredTools;
import dev.trustlift.disk.testing.SparseFile;
import dev.trustlift.disk.testing.Tool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Fat32BootSectorTest {

    @TempDir
    Path dir;

    private static Fat32BootSector sample() {
        return new Fat32BootSector("MSWIN4.1", 4096, 1, 32, 2, 0xF8, 63, 255, 256, 66560, 65, 0, 0, 2, 1, 6,
                0x80, 0, 0xDEADBEEFL, "EFI SYSTEM ", "FAT32   ");
    }

    @Test
    void roundTripsEveryField() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        sample().writeTo(buf);
        assertEquals(sample(), Fat32BootSector.parse(buf));
    }

    @Test
    void writesTheFieldsWhereTheSpecificationPutsThem() {
        ByteBuffer buf = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        sample().writeTo(buf);
        assertEquals((byte) 0xEB, buf.get(0));
        assertEquals(4096, buf.getShort(11));
        assertEquals(32, buf.getShort(14));
        assertEquals(256, buf.getInt(28));
        assertEquals(66560, buf.getInt(32));
        assertEquals(65, buf.getInt(36));
        assertEquals(2, buf.getInt(44));
        assertEquals(0x29, buf.get(66));
        assertEquals(0xDEADBEEF, buf.getInt(67));
        assertEquals((short) 0xAA55, buf.getShort(510));
    }

    @Test
    void derivedLayoutMatchesTheBpb() {
        Fat32BootSector b = sample();
        assertEquals(32 + 2 * 65, b.firstDataSector());
        assertEquals(66560 - 162, b.clusterCount());
        assertEquals(b.firstDataSector() + 3, b.clusterToSector(5));
    }

    @Test
    void refusesSomethingThatIsNotFat32() {
        ByteBuffer empty = ByteBuffer.allocate(512);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> Fat32BootSector.parse(empty));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());

        ByteBuffer fat16 = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        sample().writeTo(fat16);
        fat16.putShort(17, (short) 512);
        e = assertThrows(CorruptImageException.class, () -> Fat32BootSector.parse(fat16));
        assertTrue(e.getMessage().contains("root entry count 512"), e.getMessage());
    }

    @Test
    void fsInfoRoundTripsAndChecksItsSignatures() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        new FsInfo(12345, 3).writeTo(buf);
        assertEquals(new FsInfo(12345, 3), FsInfo.parse(buf));
        assertEquals(0x41615252, buf.getInt(0));
        assertEquals(0xAA550000, buf.getInt(508));
        buf.putInt(484, 0);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> FsInfo.parse(buf));
        assertEquals("FAT32 FSInfo struct signature at offset 484 is 0x00000000, expected 0x61417272", e.getMessage());
    }

    @Test
    void directoryEntryRoundTrips() {
        LocalDateTime when = LocalDateTime.of(2026, 11, 29, 13, 45, 30);
        DirectoryEntry e = new DirectoryEntry("BOOTX64 EFI", DirectoryEntry.ATTR_ARCHIVE, when, when, 0x12345, 999);
        ByteBuffer buf = ByteBuffer.allocate(32);
        e.writeTo(buf);
        assertEquals(e, DirectoryEntry.parse(buf));
    }

    @Test
    void readsWhatMkfsVfatWrote() throws IOException {
        RequiredTools.require("mkfs.vfat");
        Path image = SparseFile.create(dir.resolve("mkfs.img"), 300L << 20);
        Tool.run("mkfs.vfat", "-F", "32", "-S", "4096", "-s", "1", "-R", "32", "-f", "2", "-n", "MKFSLABEL",
                "-i", "A1B2C3D4", "-h", "2048", image.toString()).assertOk();
        ByteBuffer sector = ByteBuffer.allocate(4096);
        try (FileChannel ch = FileChannel.open(image)) {
            ch.read(sector, 0);
        }
        Fat32BootSector b = Fat32BootSector.parse(sector.flip());
        assertEquals(4096, b.bytesPerSector());
        assertEquals(1, b.sectorsPerCluster());
        assertEquals(32, b.reservedSectors());
        assertEquals(2, b.fatCount());
        assertEquals(0xF8, b.mediaDescriptor());
        assertEquals(2048, b.hiddenSectors());
        assertEquals((300L << 20) / 4096, b.totalSectors());
        assertEquals(2, b.rootCluster());
        assertEquals(1, b.fsInfoSector());
        assertEquals(6, b.backupBootSector());
        assertEquals(0xA1B2C3D4L, b.volumeId());
        assertEquals("MKFSLABEL  ", b.volumeLabel());
        assertEquals("FAT32   ", b.fsType());
        assertTrue(b.clusterCount() >= Fat32Geometry.MIN_CLUSTERS);
        // fsck.fat's own view of the layout is the independent check of our derived values.
        Tool.Result fsck = Tool.run("fsck.vfat", "-n", "-v", image.toString()).assertOk();
        assertTrue(fsck.stdout().contains(b.clusterCount() + " data clusters"), fsck::describe);
        assertTrue(fsck.stdout().contains("(sector " + b.firstDataSector() + ")"), fsck::describe);
        assertTrue(fsck.stdout().contains("(= " + b.fatSectors() + " sectors)"), fsck::describe);
    }
}
