package dev.trustlift.cli.sandbox;

import dev.trustlift.cli.ErrorReporter;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes a realistic fleet; the same --vms and --seed always give the same file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a realistic fleet JSON (mixed OS, sizes, layouts, backups, blockers) for `sandbox start`.")
public final class SandboxGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vms", required = true, paramLabel = "N", description = "Number of VMs.")
    int vms;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default 1).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Option(names = "--time-scale", paramLabel = "X", description = "The fleet's timeScale (default 0.001).")
    Double timeScale;

    @Option(names = "--throttle", paramLabel = "azure|none", description = "Throttling of every subscription (default azure).")
    String throttle;

    @Override
    public Integer call() throws Exception {
        if (vms < 0 || vms > 1_000_000) {
            throw new ErrorReporter.UsageException("--vms must be 0..1000000, not " + vms);
        }
        if (throttle != null && !throttle.equals("azure") && !throttle.equals("none")) {
            throw new ErrorReporter.UsageException("--throttle must be azure or none, not " + throttle);
        }
        if (timeScale != null && timeScale < 0) {
            throw new ErrorReporter.UsageException("--time-scale must be 0 or more");
        }
        Fleet fleet = FleetGenerator.generate(vms, seed).with(timeScale, throttle);
        String json = fleet.toJson() + "\n";
        if (out == null) {
            spec.commandLine().getOut().print(json);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, json);
            spec.commandLine().getErr().println("trustlift: wrote " + vms + " VMs to " + out);
        }
        return 0;
    }
}
