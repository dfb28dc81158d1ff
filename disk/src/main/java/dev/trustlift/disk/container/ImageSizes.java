package dev.trustlift.disk.container;

import dev.trustlift.disk.io.CorruptImageException;
import java.io.IOException;
import java.nio.file.Path;

/** The size rules every container shares, with the messages people see when one is broken. */
final class ImageSizes {
    /** Azure accepts only VHDs whose virtual size is a whole number of MiB. */
    static final long MIB = 1L << 20;

    private ImageSizes() {
    }

    static void requireSectorSize(int sectorSize) {
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new IllegalArgumentException("sector size must be 512 or 4096 bytes, not " + sectorSize);
        }
    }

    /** An existing image whose virtual size is not whole logical sectors cannot be used at that sector size. */
    static void requireSectorMultiple(Path path, long size, int sectorSize) throws CorruptImageException {
        requireSectorSize(sectorSize);
        if (size % sectorSize != 0) {
            throw new CorruptImageException(path + ": virtual size " + size + " bytes is not a whole number of "
                    + sectorSize + "-byte sectors");
        }
    }

    /** A new VHD: whole MiB (Azure's rule, which also makes it whole sectors) and within the format's limit. */
    static void requireNewSize(long size, int sectorSize, long max) {
        requireSectorSize(sectorSize);
        if (size <= 0 || size % MIB != 0) {
            throw new IllegalArgumentException("VHD size must be a positive whole number of MiB (Azure requires it), not "
                    + size + " bytes");
        }
        if (size > max) {
            throw new IllegalArgumentException("VHD size " + size + " bytes exceeds the format's limit of " + max + " bytes");
        }
    }

    static void requireGrowth(Path path, long size, long newSize, int sectorSize, long max) {
        if (newSize < size) {
            throw new IllegalArgumentException(path + ": cannot shrink from " + size + " to " + newSize
                    + " bytes; images only grow");
        }
        if (newSize % sectorSize != 0 || newSize % MIB != 0) {
            throw new IllegalArgumentException(path + ": new size " + newSize
                    + " bytes must be a whole number of MiB (Azure requires it for VHDs)");
        }
        if (newSize > max) {
            throw new IllegalArgumentException(path + ": new size " + newSize + " bytes exceeds the VHD limit of "
                    + max + " bytes");
        }
    }

    static void requireRange(long pos, int length, long size, String what) throws IOException {
        if (pos < 0 || pos + length > size) {
            throw new IOException(what + " beyond the end of the disk: offset " + pos + " length " + length
                    + ", disk size " + size);
        }
    }
}
