package dev.trustlift.sandbox.guest;

import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.container.DiskImages;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.sandbox.fleet.FleetException;
import dev.trustlift.sandbox.fleet.LayoutSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a fleet's osDisk.layout (preset, explicit list or image file) into a simulated disk, through the disk engine. */
public final class LayoutResolver {
    private final Path baseDir;

    /** @param baseDir where relative image paths are resolved (the fleet file's folder), or null */
    public LayoutResolver(Path baseDir) {
        this.baseDir = baseDir;
    }

    public DiskLayout resolve(LayoutSpec spec, String osType, String hyperVGeneration, int sizeGb, String where) {
        if (spec == null) {
            return LayoutPresets.build(LayoutPresets.defaultFor(osType, hyperVGeneration), sizeGb);
        }
        if (spec.preset() != null) {
            return LayoutPresets.build(spec.preset(), sizeGb);
        }
        if (spec.image() != null) {
            return fromImage(baseDir == null ? Path.of(spec.image()) : baseDir.resolve(spec.image()), where);
        }
        LayoutSpec.Explicit e = spec.explicit();
        List<PartitionSpec> parts = new ArrayList<>();
        for (LayoutSpec.Partition p : e.partitions()) {
            parts.add(new PartitionSpec(p.type().toUpperCase(), p.start(), p.sectors(), p.active() != null && p.active()));
        }
        try {
            return DiskEngine.fromSpec(dev.trustlift.disk.layout.LayoutSpec.mbr(e.sectorSize() == null ? 512 : e.sectorSize(),
                    e.sectors(), parts));
        } catch (IllegalArgumentException ex) {
            throw new FleetException(where + ": " + ex.getMessage());
        }
    }

    /** Reads the partition table of a real image (raw or VHD); opening never writes. */
    static DiskLayout fromImage(Path image, String where) {
        if (!Files.isRegularFile(image)) {
            throw new FleetException(where + ": image " + image + " does not exist");
        }
        try (DiskImage disk = DiskImages.open(image, false, 512)) {
            return DiskEngine.fromScan(DiskClassifier.classify(disk));
        } catch (IOException | IllegalArgumentException e) {
            throw new FleetException(where + ": image " + image + ": " + e.getMessage());
        }
    }
}
