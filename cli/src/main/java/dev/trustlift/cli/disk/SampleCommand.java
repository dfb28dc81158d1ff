package dev.trustlift.cli.disk;

import dev.trustlift.cli.ExitCodes;
import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.container.DiskImages;
import dev.trustlift.disk.container.ImageFormat;
import dev.trustlift.disk.layout.LayoutPresets;
import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.layout.LayoutWriter;
import dev.trustlift.disk.partition.Sizes;
import dev.trustlift.disk.scan.DiskClassifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `disk sample PRESET OUT`: a sparse image with one of the fleet contract's layouts (partition tables only). */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write a sparse sample image with one of the fleet contract's layout presets.")
final class SampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PRESET", completionCandidates = PresetNames.class,
            description = "Layout preset: ${COMPLETION-CANDIDATES}.")
    String preset;

    @Parameters(index = "1", paramLabel = "OUT", description = "Image file to create (.vhd: dynamic VHD, else raw).")
    Path out;

    @Option(names = "--format", paramLabel = "raw|vhd-fixed|vhd-dynamic", description = "Container format.")
    String format;

    @Option(names = "--size-gib", paramLabel = "N", description = "Disk size in GiB (default 127 Windows, 30 Linux).")
    Long sizeGib;

    @Option(names = "--sector-size", paramLabel = "512|4096", defaultValue = "512", description = "Sector size.")
    int sectorSize;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    @Option(names = "--seed", hidden = true, description = "Seed for the disk signature and GUIDs.")
    Long seed;

    static final class PresetNames extends java.util.ArrayList<String> {
        PresetNames() {
            super(LayoutPresets.NAMES);
        }
    }

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        if (!LayoutPresets.NAMES.contains(preset)) {
            throw new CommandLine.ParameterException(cmd, "unknown preset '" + preset + "' (known: "
                    + String.join(", ", LayoutPresets.NAMES) + ")");
        }
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new CommandLine.ParameterException(cmd, "--sector-size must be 512 or 4096");
        }
        if (sizeGib != null && (sizeGib < 1 || sizeGib > 64 * 1024)) {
            throw new CommandLine.ParameterException(cmd, "--size-gib must be 1..65536");
        }
        ImageFormat fmt = Formats.parse(format, out, cmd);
        if (Files.exists(out)) {
            if (!force) {
                throw new CommandLine.ParameterException(cmd, out + " exists; remove it or add --force");
            }
            Files.delete(out);
        }
        long size = sizeGib != null ? sizeGib * 1024 * Sizes.MIB : LayoutPresets.defaultSizeBytes(preset);
        LayoutSpec layout;
        try {
            layout = LayoutPresets.named(preset, sectorSize, size);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
        PrintWriter o = cmd.getOut();
        try (DiskImage img = DiskImages.create(out, fmt, size, sectorSize)) {
            LayoutWriter.write(img, layout, seed == null ? new SecureRandom() : new Random(seed));
            o.printf("Wrote %s: %s, %s, layout %s (partition tables only; contents are empty)%n", out,
                    Formats.label(fmt), Sizes.human(size), preset);
            PartitionListing.printTable(o, DiskClassifier.classify(img));
        }
        return ExitCodes.OK;
    }
}
