package dev.trustlift.disk.container;

/**
 * The CHS geometry a VHD footer records, computed from the size with the algorithm in the VHD
 * specification (appendix "CHS calculation"). Readers that trust CHS over the current size
 * (Virtual PC, qemu for creator "qemu"/"vpc ") see cylinders x heads x sectors of the disk.
 */
public record VhdGeometry(int cylinders, int heads, int sectorsPerTrack) {

    /** 65535 x 16 x 255 sectors, about 127 GiB: the largest disk CHS can describe. */
    public static final long MAX_CHS_SECTORS = 65535L * 16 * 255;

    public static VhdGeometry forSize(long sizeBytes) {
        long totalSectors = Math.min(sizeBytes / 512, MAX_CHS_SECTORS);
        long spt;
        long heads;
        long cylTimesHeads;
        if (totalSectors >= 65535L * 16 * 63) {
            spt = 255;
            heads = 16;
            cylTimesHeads = totalSectors / spt;
        } else {
            spt = 17;
            cylTimesHeads = totalSectors / spt;
            heads = Math.max(4, (cylTimesHeads + 1023) / 1024);
            if (cylTimesHeads >= heads * 1024 || heads > 16) {
                spt = 31;
                heads = 16;
                cylTimesHeads = totalSectors / spt;
            }
            if (cylTimesHeads >= heads * 1024) {
                spt = 63;
                heads = 16;
                cylTimesHeads = totalSectors / spt;
            }
        }
        return new VhdGeometry((int) (cylTimesHeads / heads), (int) heads, (int) spt);
    }

    public long sectors() {
        return (long) cylinders * heads * sectorsPerTrack;
    }
}
