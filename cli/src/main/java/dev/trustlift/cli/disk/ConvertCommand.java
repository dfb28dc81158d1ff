package dev.trustlift.cli.disk;

import dev.trustlift.cli.ExitCodes;
import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.convert.ConversionPlan;
import dev.trustlift.disk.convert.ConversionPlanner;
import dev.trustlift.disk.convert.ConversionRefusedException;
import dev.trustlift.disk.convert.ConversionWriter;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.validate.ConversionOptions;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `disk convert IMAGE --os windows|linux`: validate, plan, then (unless --dry-run) write. The
 * image is read and planned read-only; it is opened for writing only to apply a plan, and the
 * writer re-checks LBA 0 against the plan before its first write.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert an MBR disk image to GPT with an EFI system partition (exit 3 and no write if a rule fails).")
final class ConvertCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImageOptions image;

    @Mixin
    OsOption os;

    @Option(names = "--dry-run", description = "Print the plan and write nothing.")
    boolean dryRun;

    @Option(names = "--seed", hidden = true, description = "Seed for GUIDs and the FAT serial (reproducible output).")
    Long seed;

    @Override
    public Integer call() throws Exception {
        ConversionOptions options = os.toOptions(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        ConversionPlan plan;
        try (DiskImage img = image.open(false)) {
            DiskScan scan = ValidateCommand.requireReadable(image, DiskClassifier.classify(img));
            out.println("Converting " + image.image + " (" + Formats.label(img.format()) + ", " + img.sectorCount()
                    + " sectors of " + img.sectorSize() + " bytes) for " + options.os().label());
            if (scan.diskClass() == DiskClass.GPT) {
                out.println("The disk is already GPT: nothing to convert, nothing written.");
                return ExitCodes.OK;
            }
            try {
                plan = ConversionPlanner.plan(scan, options, seed == null ? new SecureRandom() : new Random(seed));
            } catch (ConversionRefusedException e) {
                ReportPrinter.print(out, e.report());
                out.println("Refused: nothing was written.");
                return ExitCodes.REFUSED;
            }
        }
        PlanPrinter.print(out, plan);
        if (dryRun) {
            out.println("Dry run: nothing was written.");
            return ExitCodes.OK;
        }
        try (DiskImage img = image.open(true)) {
            DiskScan after = ConversionWriter.apply(img, plan, step -> {
                out.println("... " + step);
                out.flush();
            });
            out.println("Converted: the disk is now GPT; re-read and verified (both headers, both arrays, CRCs).");
            out.println();
            PartitionListing.printTable(out, after);
        }
        return ExitCodes.OK;
    }
}
