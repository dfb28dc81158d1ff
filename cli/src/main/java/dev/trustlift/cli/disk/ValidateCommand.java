package dev.trustlift.cli.disk;

import dev.trustlift.cli.ExitCodes;
import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.validate.ValidationReport;
import dev.trustlift.disk.validate.Validator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `disk validate IMAGE --os windows|linux`: every rule, PASS or FAIL; exit 3 if any fails. Read-only. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an MBR disk image against the conversion rules (exit 0 all pass, 3 a rule failed).")
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ImageOptions image;

    @Mixin
    OsOption os;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var options = os.toOptions(spec.commandLine());
        PrintWriter out = spec.commandLine().getOut();
        try (DiskImage img = image.open(false)) {
            DiskScan scan = requireReadable(image, DiskClassifier.classify(img));
            ValidationReport report = Validator.validate(scan, options);
            if (json) {
                out.println(DiskJson.write(DiskJson.report(image.image, report)));
            } else {
                out.println("Validating " + image.image + " (" + scan.diskClass() + ", " + img.sectorCount()
                        + " sectors of " + img.sectorSize() + " bytes)");
                ReportPrinter.print(out, report);
            }
            return report.passed() ? ExitCodes.OK : ExitCodes.REFUSED;
        }
    }

    /** A damaged disk is bad input (exit 2, one line), not a failed rule. */
    static DiskScan requireReadable(ImageOptions image, DiskScan scan) throws CorruptImageException {
        if (scan.diskClass() == DiskClass.INVALID) {
            throw new CorruptImageException(image.image + ": " + String.join("; ", scan.reasons()));
        }
        return scan;
    }
}
