package dev.trustlift.disk.container;

import java.io.IOException;
import java.nio.file.Path;

/** Opens an image file with the container format its bytes show. Opening never writes. */
public final class DiskImages {
    private DiskImages() {
    }

    /**
     * Opens {@code path}, detecting raw / fixed VHD / dynamic VHD from the file's own bytes.
     * Damaged containers (bad checksum, truncated) raise CorruptImageException with one line.
     */
    public static DiskImage open(Path path, boolean writable, int sectorSize) throws IOException {
        // TODO(disk-io): detect VHD footers; until then every file is raw.
        return RawImage.open(path, writable, sectorSize);
    }
}
