package dev.trustlift.disk.fs.fat32;

/**
 * Where a new FAT32 volume puts its pieces: cluster size, FAT size and cluster count, chosen from
 * the volume size the way Windows' format does (512-byte clusters up to 260 MiB, 4 KiB up to
 * 8 GiB, then 8, 16, 32 KiB), never smaller than one sector and never below the 65525 clusters
 * that make a volume FAT32 rather than FAT16.
 */
public record Fat32Geometry(int bytesPerSector, long totalSectors, int sectorsPerCluster, int reservedSectors,
                            int fatCount, long fatSectors, long clusterCount) {

    /** Fewer clusters than this and every FAT driver reads the volume as FAT12/FAT16. */
    public static final long MIN_CLUSTERS = 65_525;
    /** Cluster numbers at and above 0x0FFFFFF7 are reserved (bad cluster, end of chain). */
    public static final long MAX_CLUSTERS = 0x0FFFFFF4L - 1;
    public static final int RESERVED_SECTORS = 32;
    public static final int FAT_COUNT = 2;
    public static final int MAX_CLUSTER_BYTES = 32 * 1024;

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /** Lays out a FAT32 volume over {@code totalSectors} sectors of {@code bytesPerSector} bytes. */
    public static Fat32Geometry forVolume(long totalSectors, int bytesPerSector) {
        if (bytesPerSector != 512 && bytesPerSector != 4096) {
            throw new IllegalArgumentException("FAT32 sector size must be 512 or 4096, not " + bytesPerSector);
        }
        if (totalSectors > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("volume of " + totalSectors + " sectors is too large for FAT32 (at most "
                    + 0xFFFFFFFFL + " sectors)");
        }
        long bytes = totalSectors * bytesPerSector;
        int spc = Math.max(1, defaultClusterBytes(bytes) / bytesPerSector);
        Fat32Geometry g = withClusterSize(totalSectors, bytesPerSector, spc);
        // Small volumes: halve the cluster until there are enough clusters for FAT32.
        while (g.clusterCount < MIN_CLUSTERS && g.sectorsPerCluster > 1) {
            g = withClusterSize(totalSectors, bytesPerSector, g.sectorsPerCluster / 2);
        }
        if (g.clusterCount < MIN_CLUSTERS) {
            long needed = minimumSectors(bytesPerSector);
            throw new IllegalArgumentException(String.format(
                    "volume of %d sectors (%.1f MiB) is too small for FAT32 at %d-byte sectors: it yields %d clusters,"
                            + " FAT32 needs at least %d; give it at least %d sectors (%.1f MiB)",
                    totalSectors, bytes / (double) MIB, bytesPerSector, g.clusterCount, MIN_CLUSTERS, needed,
                    needed * (double) bytesPerSector / MIB));
        }
        while (g.clusterCount > MAX_CLUSTERS) {
            if (g.sectorsPerCluster * 2 * bytesPerSector > 64 * 1024) {
                throw new IllegalArgumentException("volume of " + totalSectors + " sectors is too large for FAT32");
            }
            g = withClusterSize(totalSectors, bytesPerSector, g.sectorsPerCluster * 2);
        }
        return g;
    }

    /** The smallest volume, in sectors, that still holds FAT32's minimum cluster count with 1-sector clusters. */
    public static long minimumSectors(int bytesPerSector) {
        long entriesPerSector = bytesPerSector / 4;
        long fat = (MIN_CLUSTERS + 2 + entriesPerSector - 1) / entriesPerSector;
        return RESERVED_SECTORS + FAT_COUNT * fat + MIN_CLUSTERS;
    }

    static Fat32Geometry withClusterSize(long totalSectors, int bytesPerSector, int spc) {
        long entriesPerSector = bytesPerSector / 4;
        long usable = totalSectors - RESERVED_SECTORS;
        if (usable <= 0) {
            return new Fat32Geometry(bytesPerSector, totalSectors, spc, RESERVED_SECTORS, FAT_COUNT, 0, 0);
        }
        // Smallest FAT that covers every cluster the rest of the volume can hold (plus entries 0 and 1):
        // fat * entriesPerSector >= (usable - 2 * fat) / spc + 2.
        long fat = ceilDiv(usable + 2L * spc, spc * entriesPerSector + FAT_COUNT);
        long clusters = Math.max(0, (usable - FAT_COUNT * fat) / spc);
        return new Fat32Geometry(bytesPerSector, totalSectors, spc, RESERVED_SECTORS, FAT_COUNT, fat, clusters);
    }

    private static int defaultClusterBytes(long volumeBytes) {
        if (volumeBytes <= 260 * MIB) return 512;
        if (volumeBytes <= 8 * GIB) return 4096;
        if (volumeBytes <= 16 * GIB) return 8192;
        if (volumeBytes <= 32 * GIB) return 16384;
        return MAX_CLUSTER_BYTES;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    public long firstDataSector() {
        return reservedSectors + fatCount * fatSectors;
    }
}
