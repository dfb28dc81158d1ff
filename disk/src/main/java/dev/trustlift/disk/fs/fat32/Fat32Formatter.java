package dev.trustlift.disk.fs.fat32;

import dev.trustlift.disk.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;

/**
 * Writes an empty FAT32 file system for an EFI system partition. Only metadata is written: the
 * reserved area (boot sector, FSInfo and their backups), both FATs and the root directory
 * cluster. The data area is left as it was, which costs nothing on a sparse image and is what
 * makes formatting a 100 MiB ESP inside a 127 GiB disk cheap.
 */
public final class Fat32Formatter {
    /** Sector (within the reserved area) of the FSInfo structure. */
    public static final int FS_INFO_SECTOR = 1;
    /** Sector of the backup boot sector; the backup FSInfo follows it. */
    public static final int BACKUP_BOOT_SECTOR = 6;
    public static final long ROOT_CLUSTER = 2;
    /** Legacy CHS geometry reported in the BPB; UEFI and Linux ignore it. */
    private static final int SECTORS_PER_TRACK = 63;
    private static final int HEADS = 255;
    /** FAT[1] end-of-chain with the "clean shutdown" and "no hard error" bits set. */
    private static final int FAT1_CLEAN = 0x0FFFFFFF;
    private static final int END_OF_CHAIN = 0x0FFFFFFF;
    private static final int FAT_ENTRY_MASK = 0x0FFFFFFF;
    private static final int ZERO_CHUNK = 1 << 20;

    private Fat32Formatter() {
    }

    /**
     * Formats the whole of {@code volume} (typically a SliceBlockDevice over the ESP) as FAT32
     * with the given volume label (at most 11 characters) and volume serial number.
     */
    public static Fat32BootSector format(BlockDevice volume, String label, int volumeId) throws IOException {
        return format(volume, label, volumeId, 0);
    }

    /**
     * As {@link #format(BlockDevice, String, int)}, recording {@code partitionStartLba} as the
     * BPB's hidden-sector count, as Windows and mkfs.fat do for a partition.
     */
    public static Fat32BootSector format(BlockDevice volume, String label, int volumeId, long partitionStartLba)
            throws IOException {
        return format(volume, label, volumeId, partitionStartLba, LocalDateTime.now());
    }

    /** As above, with the time stamped on the volume-label entry given (for reproducible images). */
    public static Fat32BootSector format(BlockDevice volume, String label, int volumeId, long partitionStartLba,
                                         LocalDateTime when) throws IOException {
        VolumeLabel volumeLabel = VolumeLabel.of(label);
        if (partitionStartLba < 0 || partitionStartLba > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("partition start LBA " + partitionStartLba + " does not fit the BPB's 32-bit hidden-sector field");
        }
        if (!volume.isWritable()) {
            throw new IOException("cannot format a read-only volume");
        }
        Fat32Geometry g = Fat32Geometry.forVolume(volume.sectorCount(), volume.sectorSize());
        Fat32BootSector boot = bootSector(g, volumeLabel, volumeId, partitionStartLba);
        FsInfo fsInfo = new FsInfo(g.clusterCount() - 1, ROOT_CLUSTER + 1);

        // The primary boot sector goes last, so an interrupted format is not mistaken for FAT32.
        writeFats(volume, g);
        writeRootDirectory(volume, boot, volumeLabel, when);
        writeReservedArea(volume, boot, fsInfo);
        volume.flush();
        return boot;
    }

    private static Fat32BootSector bootSector(Fat32Geometry g, VolumeLabel label, int volumeId, long hiddenSectors) {
        return new Fat32BootSector(
                Fat32BootSector.DEFAULT_OEM_NAME,
                g.bytesPerSector(),
                g.sectorsPerCluster(),
                g.reservedSectors(),
                g.fatCount(),
                Fat32BootSector.MEDIA_FIXED_DISK,
                SECTORS_PER_TRACK,
                HEADS,
                hiddenSectors,
                g.totalSectors(),
                g.fatSectors(),
                0,
                0,
                ROOT_CLUSTER,
                FS_INFO_SECTOR,
                BACKUP_BOOT_SECTOR,
                Fat32BootSector.DRIVE_NUMBER_HARD_DISK,
                0,
                Integer.toUnsignedLong(volumeId),
                label.bootSectorText(),
                Fat32BootSector.FS_TYPE);
    }

    private static void writeReservedArea(BlockDevice volume, Fat32BootSector boot, FsInfo fsInfo) throws IOException {
        int s = boot.bytesPerSector();
        ByteBuffer area = ByteBuffer.allocate(boot.reservedSectors() * s);
        putSector(area, 0, s, boot::writeTo);
        putSector(area, FS_INFO_SECTOR, s, fsInfo::writeTo);
        putSector(area, BACKUP_BOOT_SECTOR, s, boot::writeTo);
        putSector(area, BACKUP_BOOT_SECTOR + FS_INFO_SECTOR, s, fsInfo::writeTo);
        volume.write(s, area.slice(s, area.capacity() - s));
        volume.write(0, area.slice(0, s));
    }

    private static void putSector(ByteBuffer area, int sector, int sectorSize, java.util.function.Consumer<ByteBuffer> writer) {
        writer.accept(area.slice(sector * sectorSize, sectorSize));
    }

    private static void writeFats(BlockDevice volume, Fat32Geometry g) throws IOException {
        int s = g.bytesPerSector();
        ByteBuffer first = ByteBuffer.allocate(s).order(ByteOrder.LITTLE_ENDIAN);
        first.putInt(0, (FAT_ENTRY_MASK & 0xFFFFFF00) | Fat32BootSector.MEDIA_FIXED_DISK);
        first.putInt(4, FAT1_CLEAN);
        first.putInt((int) ROOT_CLUSTER * 4, END_OF_CHAIN);
        long fatBytes = g.fatSectors() * s;
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZERO_CHUNK, fatBytes));
        for (int fat = 0; fat < g.fatCount(); fat++) {
            long start = (g.reservedSectors() + fat * g.fatSectors()) * s;
            volume.write(start, first.duplicate());
            for (long pos = s; pos < fatBytes; ) {
                int n = (int) Math.min(zeros.capacity(), fatBytes - pos);
                volume.write(start + pos, zeros.duplicate().limit(n));
                pos += n;
            }
        }
    }

    private static void writeRootDirectory(BlockDevice volume, Fat32BootSector boot, VolumeLabel label,
                                           LocalDateTime when) throws IOException {
        ByteBuffer cluster = ByteBuffer.allocate(boot.bytesPerCluster());
        if (!label.isEmpty()) {
            DirectoryEntry.volumeLabel(label, when).writeTo(cluster);
        }
        volume.write(boot.clusterToSector(ROOT_CLUSTER) * boot.bytesPerSector(), cluster);
    }
}
