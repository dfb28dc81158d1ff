package dev.trustlift.cli.upgrade;

import dev.trustlift.cli.ExitCodes;
import dev.trustlift.cli.progress.ProgressMeter;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.CampaignOptions;
import dev.trustlift.core.upgrade.FindingsJson;
import dev.trustlift.core.upgrade.steps.DoneStep;
import dev.trustlift.core.upgrade.steps.RestoreOsDiskStep;
import dev.trustlift.core.upgrade.steps.StartAsWasStep;
import dev.trustlift.core.upgrade.RunOutcome;
import dev.trustlift.core.upgrade.UpgradePlan;
import dev.trustlift.core.upgrade.UpgradeRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs one campaign of the journal to its end or to a stop, for upgrade, resume and rollback
 * alike: the runner with the campaign's own options, progress, Ctrl-C, and the closing words
 * (counts, each VM that did not make it and why, what to run next). Returns the exit code.
 */
final class CampaignRun {
    private final Journal journal;
    private final Path journalPath;
    private final Cloud cloud;
    private final UpgradePlan plan;
    private final Campaign campaign;
    private final CampaignOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean bar;
    private final StateColors colors;

    CampaignRun(Journal journal, Path journalPath, Cloud cloud, UpgradePlan plan, Campaign campaign, PrintWriter out,
                PrintWriter err, boolean bar, boolean color) {
        this.journal = journal;
        this.journalPath = journalPath;
        this.cloud = cloud;
        this.plan = plan;
        this.campaign = campaign;
        this.options = CampaignOptions.fromJson(campaign.optionsJson());
        this.out = out;
        this.err = err;
        this.bar = bar;
        this.colors = new StateColors(color);
    }

    int execute() throws InterruptedException {
        RunProgress progress = new RunProgress(out, bar ? ProgressMeter.onStderr(options.command(), err, true) : null, colors);
        UpgradeRunner runner = new UpgradeRunner(journal, cloud, plan, options.timing(), Clock.systemUTC(),
                options.maxParallel(), Math.min(8, Math.max(2, options.maxParallel())), progress);
        try (StopOnInterrupt guard = StopOnInterrupt.install(runner::stop, err)) {
            RunOutcome outcome = runner.run(campaign.id());
            progress.finish();
            int code = outcome.exitCode();
            summary(outcome, progress.parked(), guard.wasInterrupted());
            out.flush();
            err.flush();
            guard.finish(code);
            return code;
        }
    }

    private void summary(RunOutcome outcome, List<String> parked, boolean signalled) {
        List<CampaignVm> vms = journal.vms(campaign.id());
        String counts = java.util.Arrays.stream(VmState.values()).filter(s -> outcome.count(s) > 0)
                .map(s -> outcome.count(s) + " " + colors.paint(s)).collect(Collectors.joining(", "));
        out.println("campaign " + campaign.id() + ": " + (counts.isEmpty() ? "no VM" : counts) + " (" + vms.size()
                + (vms.size() == 1 ? " VM)" : " VMs)"));
        for (CampaignVm vm : vms) {
            if (vm.state() == VmState.BLOCKED || vm.state() == VmState.FAILED) {
                out.println("  " + VmRef.parse(vm.vmId()).name() + "  " + colors.paint(vm.state()) + "  " + why(vm));
            }
        }
        int code = outcome.exitCode();
        if (CampaignOptions.ROLLBACK.equals(options.command()) && outcome.count(VmState.UPGRADED) == vms.size()) {
            // In a rollback campaign a VM whose plan completed is "UPGRADED": say what that means here.
            vms.forEach(vm -> out.println("rolled back: " + VmRef.parse(vm.vmId()).name() + "'s OS disk was restored from "
                    + vm.restorePointId() + " and the VM was started as it was"));
        }
        if (code == ExitCodes.INTERRUPTED) {
            String cause = outcome.connectionLost() ? "the connection to Azure was lost"
                    : signalled || outcome.interrupted() ? "stopped on request" : "the run stopped early";
            out.println(cause + ": " + parked.size() + " VM(s) wait at a safe point, none is left deallocated");
            parked.forEach(p -> out.println("  " + p));
            out.println("run `trustlift resume --journal " + journalPath + " --yes` to continue");
        } else if (code == ExitCodes.FAILURE) {
            out.println("trustlift itself failed in a step; the journal says where: `trustlift status --journal "
                    + journalPath + "`");
        }
        out.println("details: `trustlift status --journal " + journalPath + "`, `trustlift report --journal " + journalPath + "`");
    }

    /** A blocked VM's blockers, or a failed VM's last error, from the journal. */
    private String why(CampaignVm vm) {
        List<String> blockers = new ArrayList<>();
        for (Finding f : FindingsJson.read(vm.findingsJson())) {
            if (f.severity() == Severity.BLOCKER) {
                blockers.add(f.rule() + " " + f.message());
            }
        }
        if (!blockers.isEmpty()) {
            return String.join("; ", blockers);
        }
        List<StepAttempt> attempts = journal.attempts(campaign.id(), vm.vmId());
        boolean restored = attempts.stream().anyMatch(a -> a.key().step().equals(RestoreOsDiskStep.NAME)
                && a.state() == AttemptState.COMPLETED);
        for (int i = attempts.size() - 1; i >= 0; i--) {
            StepAttempt a = attempts.get(i);
            boolean recoveryOrCleanup = a.key().step().equals(DoneStep.NAME) || a.key().step().equals(RestoreOsDiskStep.NAME)
                    || a.key().step().equals(StartAsWasStep.NAME);
            if (a.state() == AttemptState.FAILED && (!recoveryOrCleanup || !restored)) {
                return "at " + a.key().step() + ": " + a.errorCode() + (a.errorMessage() == null || a.errorMessage().isBlank()
                        ? "" : " " + a.errorMessage().lines().findFirst().orElse(""))
                        + (restored ? "; the OS disk was restored from the restore point and the VM started as it was" : "");
            }
        }
        return vm.currentStep() == null ? "" : "at " + vm.currentStep();
    }
}
