package dev.trustlift.cli.upgrade;

import dev.trustlift.cli.ColorOptions;
import dev.trustlift.cli.ErrorReporter;
import dev.trustlift.cli.ExitCodes;
import dev.trustlift.cli.Main;
import dev.trustlift.cli.cloud.CloudOptions;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.upgrade.Campaigns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * trustlift rollback --vm: before Trusted Launch was set, restores the VM's OS disk from the restore
 * point its upgrade took and starts the VM, as a one-VM campaign of the journal (so status, report
 * and resume see it). After Trusted Launch was set Azure cannot make the VM Gen1 again: it must be
 * recreated, which this version does not do.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Restore a VM's OS disk from the restore point its upgrade took and start it as it was"
                + " (only before Trusted Launch was set). Changes nothing without --yes."})
public final class RollbackCommand implements Callable<Integer> {
    /** What rollback says about a VM that is Trusted Launch already (the words). */
    static final String MUST_RECREATE = "it must be recreated on its restored Gen1 disk; the Linux issue adds"
            + " `rollback --recreate` for that";

    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Option(names = "--journal", paramLabel = "PATH", required = true, description = "The journal of the upgrade.")
    Path journal;

    @Option(names = "--vm", paramLabel = "NAME|ID", required = true,
            description = "The VM to roll back: its name (unique in the journal) or its resource id.")
    String vm;

    @Option(names = "--yes", description = "Really restore the disk. Without it rollback changes nothing.")
    boolean yes;

    @Mixin
    ColorOptions color;

    private final Plans plans;

    public RollbackCommand() {
        this(Plans.standard());
    }

    public RollbackCommand(Plans plans) {
        this.plans = plans;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path journalPath = JournalFiles.absolute(journal);
        try (Journal j = JournalFiles.existing(spec, journalPath)) {
            out.println("journal: " + journalPath);
            out.flush();
            CampaignVm upgraded;
            try {
                upgraded = Campaigns.findUpgradedVm(j, vm).orElseThrow(() -> new ErrorReporter.UsageException(
                        "--vm " + vm + ": no such VM in any upgrade campaign of the journal; nothing was changed"));
            } catch (IllegalArgumentException ambiguous) {
                throw new ErrorReporter.UsageException(ambiguous.getMessage());
            }
            VmRef ref = VmRef.parse(upgraded.vmId());
            if (!upgraded.state().isFinal()) {
                err.println("trustlift: " + ref.name() + " is still " + upgraded.state() + " in campaign " + upgraded.campaignId()
                        + ": let it end first (`trustlift resume --journal " + journalPath + " --yes`); nothing was changed");
                return ExitCodes.REFUSED;
            }
            Cloud port = cloud.connect();
            if (trustedLaunchSet(j, upgraded) || port.getVm(ref).securityType() == SecurityType.TRUSTED_LAUNCH) {
                err.println("trustlift: " + ref.name() + " is Trusted Launch already and Azure cannot turn it back to"
                        + " Generation 1: " + MUST_RECREATE + ". Nothing was changed.");
                return ExitCodes.REFUSED;
            }
            if (upgraded.restorePointId() == null) {
                err.println("trustlift: no restore point was taken for " + ref.name() + " (its upgrade stopped before"
                        + " protect, so its disk was not changed): nothing to roll back");
                return ExitCodes.REFUSED;
            }
            if (!yes) {
                err.println("trustlift: rollback changes the VM only with --yes: nothing was changed. It would restore "
                        + ref.name() + "'s OS disk from " + upgraded.restorePointId() + " and start the VM.");
                return ExitCodes.USAGE;
            }
            Campaign campaign = Campaigns.createRollback(j, upgraded, Clock.systemUTC(), JournalFiles.toolVersion());
            out.println("rollback campaign " + campaign.id() + ": " + ref.name() + " from " + upgraded.restorePointId());
            out.flush();
            return new CampaignRun(j, journalPath, port, plans.rollback().apply(port), campaign, out, err,
                    Main.terminal(spec).stderr(), color.forStdout()).execute();
        }
    }

    /** The journal says set-trusted-launch completed for this VM in its campaign (the step's NAME, issue 9's step name). */
    private static boolean trustedLaunchSet(Journal j, CampaignVm vm) {
        return j.attempts(vm.campaignId(), vm.vmId()).stream()
                .anyMatch(a -> a.key().step().equals("set-trusted-launch") && a.state() == AttemptState.COMPLETED);
    }
}
