package dev.trustlift.disk.fs.fat32;

import dev.trustlift.disk.io.BlockDevice;
import java.io.IOException;

/** Writes an empty FAT32 file system for an EFI system partition. */
public final class Fat32Formatter {
    private Fat32Formatter() {
    }

    /**
     * Formats the whole of {@code volume} (typically a SliceBlockDevice over the ESP) as FAT32
     * with the given volume label (at most 11 characters) and volume serial number.
     * Writes only file-system metadata: boot sector and its backup, FSInfo, both FATs and the
     * root directory cluster.
     */
    public static void format(BlockDevice volume, String label, int volumeId) throws IOException {
        throw new UnsupportedOperationException("FAT32 formatter not written yet");
    }
}
