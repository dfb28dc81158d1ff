package dev.trustlift.disk.container;

import dev.trustlift.disk.io.BlockDevice;
import java.io.IOException;

/** A disk image file opened through its container format; the device is the virtual disk. */
public interface DiskImage extends BlockDevice {

    ImageFormat format();

    /**
     * Grows the virtual disk to {@code newSize} bytes (a whole number of sectors, and of MiB for
     * VHDs, as Azure requires). The added range reads as zero. Refused on a read-only image.
     */
    void grow(long newSize) throws IOException;
}
