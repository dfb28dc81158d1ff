package dev.trustlift.cli.disk;

import dev.trustlift.cli.ExitCodes;
import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `disk inspect IMAGE [--json]`: what fdisk -l / gdisk -l show, plus the classification. Read-only. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the container, size, classification and partition table of a disk image.")
final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImageOptions image;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (DiskImage img = image.open(false)) {
            DiskScan scan = DiskClassifier.classify(img);
            if (json) {
                out.println(DiskJson.write(DiskJson.inspect(image.image, img, scan)));
            } else {
                PartitionListing.printHeader(out, image.image, img, scan);
                out.println();
                PartitionListing.printTable(out, scan);
            }
            out.flush();
            if (scan.diskClass() == DiskClass.INVALID) {
                throw new CorruptImageException(image.image + ": " + String.join("; ", scan.reasons()));
            }
        }
        return ExitCodes.OK;
    }
}
