package dev.trustlift.disk.layout;

import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * The scan of a layout known only as a list (a guest's probed partition table, a fleet file's
 * explicit layout): written onto a sparse in-memory disk and classified, so Validator and
 * ConversionPlanner work on it exactly as on an image. Costs a few KiB whatever the disk size.
 */
public final class LayoutScan {
    private LayoutScan() {
    }

    public static DiskScan of(LayoutSpec spec) {
        try {
            MemoryBlockDevice disk = new MemoryBlockDevice(spec.sectors() * spec.sectorSize(), spec.sectorSize());
            LayoutWriter.write(disk, spec, new Random(0));
            return DiskClassifier.classify(disk);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory disk cannot fail to read", e);
        }
    }
}
