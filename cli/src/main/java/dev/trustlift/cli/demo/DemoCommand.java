package dev.trustlift.cli.demo;

import dev.trustlift.cli.ExitCodes;
import dev.trustlift.cli.sandbox.SandboxStartCommand;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.SubscriptionSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The rehearsal anyone can run without an Azure account: the bundled demo fleet on an in-process
 * sandbox, reached through the same adapter and commands as real Azure. It only chains the real
 * commands, so what it shows is what they do.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Rehearse on the built-in sandbox (no Azure account needed): serve the demo fleet, discover "
                + "its VMs, assess them with a guest probe, and write the HTML report.",
                "Exit 0 when every step ran (blocked VMs are part of the demo), 1 when one failed."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "trustlift-demo-report.html",
            description = "Where to write the HTML assessment report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--no-probe", description = "Skip the guest probe (Run Command) during the assessment.")
    boolean noProbe;

    @Override
    public Integer call() throws Exception {
        Fleet fleet = Fleet.parse(SandboxStartCommand.demoText(), "demo fleet");
        String subscriptions = fleet.subscriptions().stream().map(SubscriptionSpec::id).collect(Collectors.joining(","));
        PrintWriter out = spec.commandLine().getOut();
        CommandLine root = spec.root().commandLine();
        try (SandboxServer server = SandboxServer.start(fleet, null, 0, SandboxServer.DEFAULT_PAGE_SIZE)) {
            String endpoint = server.endpoint();
            heading(out, "sandbox: " + fleet.vms().size() + " VMs in " + fleet.subscriptions().size()
                    + " subscriptions at " + endpoint);
            heading(out, "trustlift discover --endpoint " + endpoint + " --subscription " + subscriptions);
            int discovered = root.execute("discover", "--endpoint", endpoint, "--subscription", subscriptions);
            List<String> assess = new ArrayList<>(List.of("assess", "--endpoint", endpoint, "--subscription", subscriptions));
            if (noProbe) {
                assess.add("--no-probe-guest");
            }
            heading(out, "trustlift " + String.join(" ", assess));
            int assessed = root.execute(assess.toArray(String[]::new));
            assess.addAll(List.of("--out", report.toString()));
            heading(out, "trustlift " + String.join(" ", assess));
            int written = root.execute(assess.toArray(String[]::new));
            boolean ran = discovered == ExitCodes.OK && ranAssessment(assessed) && ranAssessment(written);
            heading(out, ran ? "demo complete: open " + report.toAbsolutePath() + " in a browser"
                    : "demo failed: see the errors above");
            return ran ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** Blocked VMs (exit 3) are an expected outcome of the demo fleet, not a failure of the run. */
    private static boolean ranAssessment(int exitCode) {
        return exitCode == ExitCodes.OK || exitCode == ExitCodes.REFUSED;
    }

    private static void heading(PrintWriter out, String text) {
        out.println();
        out.println("== " + text);
        out.flush();
    }
}
