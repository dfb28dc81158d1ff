package dev.trustlift.cli.assess;

import dev.trustlift.cli.ColorOptions;
import dev.trustlift.cli.ExitCodes;
import dev.trustlift.cli.Main;
import dev.trustlift.cli.progress.ProgressMeter;
import dev.trustlift.cli.cloud.CloudOptions;
import dev.trustlift.cli.cloud.ScopeOptions;
import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.assess.gather.FleetAssessment;
import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.report.TableReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * trustlift assess: every rule of the assessment contract for each VM, a verdict per VM and a
 * summary. Read-only: nothing is changed in Azure. Exit 0 when nothing is blocked or unknown,
 * 3 when something is, 2 for bad input.
 */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {"Check every Trusted Launch prerequisite of each VM; print a verdict, evidence and remediation per VM.",
                "Changes nothing in Azure. Exit code 0 when no VM is BLOCKED or UNKNOWN, 3 otherwise, 2 for bad input."})
public final class AssessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--no-probe-guest",
            description = "Do not run the read-only guest probe (Run Command) that reads BitLocker, disk layout and free "
                    + "space; those VMs get TL008 \"guest not checked\".")
    boolean noProbeGuest;

    /** The default since probing became default; still accepted for scripts written before. */
    @Option(names = "--probe-guest", description = "Probe the guest of every running VM (the default).")
    boolean probeGuest;

    @Option(names = "--output", paramLabel = "FORMAT",
            description = "table (default), json, csv or html. With --out the file name's extension chooses when not given.")
    ReportFormat output;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE; the summary still goes to stdout.")
    Path outFile;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8", description = "VMs assessed at once (default 8).")
    int parallel;

    @Mixin
    ColorOptions color;

    @Override
    public Integer call() throws IOException {
        if (parallel < 1 || parallel > 64) {
            throw new ParameterException(spec.commandLine(), "--parallel must be between 1 and 64, got " + parallel);
        }
        if (probeGuest && noProbeGuest) {
            throw new ParameterException(spec.commandLine(), "--probe-guest and --no-probe-guest exclude each other");
        }
        scope.check(cloud);
        ReportFormat format = ReportFormat.choose(output, outFile);
        Cloud port = cloud.connect();
        List<Target> targets = scope.resolve(port, cloud);
        PrintWriter err = spec.commandLine().getErr();
        ProgressMeter progress = ProgressMeter.onStderr("assess", err, Main.terminal(spec).stderr());
        Consumer<AssessmentReport> write = r -> {
            progress.finish();
            write(r, format);
        };
        AssessmentReport report;
        try (PartialReportOnInterrupt partial = PartialReportOnInterrupt.install(targets, write, err)) {
            report = new FleetAssessment(new FactsGatherer(port, !noProbeGuest),
                    new Assessor(StandardRules.all()), parallel, Clock.systemUTC()).assess(targets, (vm, done, total) -> {
                        progress.completed(vm, done, total);
                        partial.completed(vm, done, total);
                    });
            if (!partial.finish()) {
                return ExitCodes.INTERRUPTED;
            }
            try {
                write.accept(report);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return report.needsAttention() ? ExitCodes.REFUSED : ExitCodes.OK;
    }

    /** The report to stdout, or to --out with the summary on stdout; colour only on stdout. */
    private void write(AssessmentReport report, ReportFormat format) {
        PrintWriter out = spec.commandLine().getOut();
        String rendered = format.render(report, outFile == null && color.forStdout());
        if (outFile == null) {
            out.print(rendered);
        } else {
            try {
                Files.writeString(outFile, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println(new TableReport(false).summary(report));
            out.println("report written to " + outFile);
        }
        out.flush();
    }
}
