package dev.trustlift.sandbox.guest;

import dev.trustlift.sandbox.fleet.FleetException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the partition table of a real image file for osDisk.layout {"image": ...}. */
final class ImageLayoutReader {
    private ImageLayoutReader() {
    }

    static DiskLayout read(Path image, boolean linux, String where) {
        if (!Files.isRegularFile(image)) {
            throw new FleetException(where + ": image " + image + " does not exist");
        }
        throw new FleetException(where + ": image layouts are not supported yet by this sandbox build (" + image + ")");
    }
}
