package dev.trustlift.disk.partition.gpt;

/**
 * Where a new GPT's structures go on a disk of {@code sectors} sectors: 128 entries of 128 bytes
 * (16 KiB) right after the primary header at LBA 1, the same array again just before the backup
 * header at the last LBA. First usable = 2 + ceil(16384 / sector) (34 on 512 B, 6 on 4Kn);
 * last usable = N - first usable.
 */
public record GptGeometry(int sectorSize, long sectors) {
    public static final int ENTRY_COUNT = 128;
    public static final int ENTRY_SIZE = 128;
    public static final long PRIMARY_HEADER_LBA = 1;
    public static final long PRIMARY_ENTRIES_LBA = 2;

    public long arraySectors() {
        return arraySectors(ENTRY_COUNT, ENTRY_SIZE, sectorSize);
    }

    public static long arraySectors(long count, long size, int sectorSize) {
        return (count * size + sectorSize - 1) / sectorSize;
    }

    public long firstUsable() {
        return PRIMARY_ENTRIES_LBA + arraySectors();
    }

    public long lastUsable() {
        return sectors - firstUsable();
    }

    public long backupHeaderLba() {
        return sectors - 1;
    }

    public long backupEntriesLba() {
        return backupHeaderLba() - arraySectors();
    }
}
