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
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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

    /** For bench/disk-convert.sh: in-process time and the bytes the engine read and wrote. */
    @Option(names = "--stats", hidden = true, description = "Print in-process time and bytes read/written.")
    boolean stats;

    private final List<CountingDiskImage> counted = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        try {
            return convert();
        } finally {
            if (stats) {
                printStats(spec.commandLine().getOut(), System.nanoTime() - started);
            }
        }
    }

    private Integer convert() throws Exception {
        ConversionOptions options = os.toOptions(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        ConversionPlan plan;
        try (DiskImage img = open(false)) {
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
        try (DiskImage img = open(true)) {
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

    private DiskImage open(boolean writable) throws IOException {
        DiskImage img = image.open(writable);
        if (!stats) {
            return img;
        }
        CountingDiskImage c = new CountingDiskImage(img);
        counted.add(c);
        return c;
    }

    private void printStats(PrintWriter out, long nanos) {
        long read = 0;
        long written = 0;
        long reads = 0;
        long writes = 0;
        for (CountingDiskImage c : counted) {
            read += c.counts().bytesRead();
            written += c.counts().bytesWritten();
            reads += c.counts().readCalls();
            writes += c.counts().writeCalls();
        }
        out.printf("stats: in-process %.1f ms, engine read %d bytes in %d calls, wrote %d bytes in %d calls%n",
                nanos / 1e6, read, reads, written, writes);
        out.flush();
    }
}
