package dev.trustlift.sandbox.guest;

import dev.trustlift.sandbox.fleet.FleetException;
import dev.trustlift.sandbox.fleet.LayoutSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a fleet's osDisk.layout (preset, explicit list or image file) into a simulated disk. */
public final class LayoutResolver {
    private final Path baseDir;

    /** @param baseDir where relative image paths are resolved (the fleet file's folder) */
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
            Path image = baseDir == null ? Path.of(spec.image()) : baseDir.resolve(spec.image());
            return ImageLayoutReader.read(image, "Linux".equals(osType), where);
        }
        LayoutSpec.Explicit e = spec.explicit();
        int sectorSize = e.sectorSize() == null ? 512 : e.sectorSize();
        List<DiskLayout.Part> parts = new ArrayList<>();
        int logicalNumber = 5;
        int primaryNumber = 1;
        for (LayoutSpec.Partition p : e.partitions()) {
            boolean logical = p.logical() != null && p.logical();
            int number = logical ? logicalNumber++ : primaryNumber++;
            parts.add(new DiskLayout.Part(number, p.type().toUpperCase(), p.start(), p.sectors(),
                    p.active() != null && p.active(), logical));
        }
        if (parts.stream().anyMatch(p -> p.type().equals("EE"))) {
            throw new FleetException(where + ": an explicit layout describes an MBR disk; use a preset or an image for GPT");
        }
        return new DiskLayout(DiskLayout.Scheme.MBR, sectorSize, e.sectors(), parts, true, false);
    }
}
