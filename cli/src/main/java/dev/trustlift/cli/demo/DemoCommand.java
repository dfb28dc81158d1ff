package dev.trustlift.cli.demo;

import dev.trustlift.cli.ExitCodes;
import dev.trustlift.cli.sandbox.SandboxStartCommand;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.SubscriptionSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
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
                + "its VMs, assess them with a guest probe, write the HTML report, then upgrade the fleet (journal "
                + "trustlift-demo-journal.db beside the report, replaced on each run) and write the upgrade's report.",
                "Exit 0 when every step ran (blocked VMs are part of the demo), 1 when one failed."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "trustlift-demo-report.html",
            description = "Where to write the HTML assessment report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--no-probe", description = "Skip the guest probe (Run Command) during the assessment.")
    boolean noProbe;

    /** The demo's own journal, beside the report; each run starts it afresh (the sandbox forgets its VMs too). */
    static final String JOURNAL = "trustlift-demo-journal.db";
    static final String UPGRADE_REPORT = "trustlift-demo-upgrade.html";

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
            Path folder = report.toAbsolutePath().getParent();
            Path journal = folder.resolve(JOURNAL);
            forget(journal);
            heading(out, "trustlift upgrade --endpoint " + endpoint + " --subscription " + subscriptions + " --journal "
                    + journal + " --yes");
            int upgraded = root.execute("upgrade", "--endpoint", endpoint, "--subscription", subscriptions, "--journal",
                    journal.toString(), "--yes");
            Path upgradeReport = folder.resolve(UPGRADE_REPORT);
            heading(out, "trustlift report --journal " + journal + " --out " + upgradeReport);
            int reported = root.execute("report", "--journal", journal.toString(), "--out", upgradeReport.toString());
            boolean ran = discovered == ExitCodes.OK && ranAssessment(assessed) && ranAssessment(written)
                    && ranAssessment(upgraded) && reported == ExitCodes.OK;
            heading(out, ran ? "demo complete: open " + report.toAbsolutePath() + " and " + upgradeReport + " in a browser"
                    : "demo failed: see the errors above");
            return ran ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    /** Removes the previous demo run's journal, its WAL files and its artifact folder. */
    private static void forget(Path journal) throws java.io.IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Files.deleteIfExists(Path.of(journal + suffix));
        }
        Path artifacts = Path.of(journal + ".d");
        if (Files.isDirectory(artifacts)) {
            try (var walk = Files.walk(artifacts)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
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
