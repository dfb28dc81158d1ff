package dev.trustlift.cli.upgrade;

import dev.trustlift.cli.ColorOptions;
import dev.trustlift.cli.ErrorReporter;
import dev.trustlift.cli.ExitCodes;
import dev.trustlift.cli.Main;
import dev.trustlift.cli.cloud.CloudOptions;
import dev.trustlift.cli.cloud.ScopeOptions;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.upgrade.CampaignOptions;
import dev.trustlift.core.upgrade.Campaigns;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.WhatIf;
import dev.trustlift.core.upgrade.WhatIfPlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * trustlift upgrade: Microsoft's documented upgrade of each VM in scope, journaled step by step.
 * Changes VMs only with --yes; --what-if prints every change and changes nothing.
 */
@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Upgrade each VM in scope to Generation 2 with Trusted Launch: restore point, MBR2GPT, deallocate,"
                + " securityProfile, start, verify. Journaled; `resume` continues a stopped run.",
                "Changes nothing without --yes; --what-if prints every change it would make and changes nothing."})
public final class UpgradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--journal", paramLabel = "PATH",
            description = "The journal (SQLite) to write (default: trustlift-journal.db in the current directory). Its"
                    + " path is printed first.")
    Path journal;

    @Option(names = "--secure-boot", paramLabel = "on|off",
            description = "Secure Boot for VMs the --vms CSV says nothing about (default on, as Microsoft recommends;"
                    + " TL083 turns it off for a VM with a warning unless this says on).")
    OnOff secureBoot;

    @Option(names = "--start-stopped",
            description = "Start a deallocated VM for the guest steps (it ends running); without it such a VM is BLOCKED (TL040).")
    boolean startStopped;

    @Option(names = "--make-room", paramLabel = "none|shrink|defrag", converter = MakeRoomConverter.class,
            defaultValue = "shrink",
            description = "When MBR2GPT finds no room for the EFI system partition: shrink C: by the needed MiB (default),"
                    + " defrag C: first and then shrink, or none (the VM is BLOCKED).")
    MakeRoom makeRoom;

    @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "5", description = "VMs in flight at once (default 5).")
    int maxParallel;

    @Option(names = "--what-if", description = "Print, per VM, every change it would make, and change nothing.")
    boolean whatIf;

    @Option(names = "--yes", description = "Really change the VMs. Without it upgrade changes nothing.")
    boolean yes;

    @Option(names = "--guest-timeout", paramLabel = "DURATION", converter = GuestTimeoutConverter.class,
            defaultValue = "15m",
            description = "Advanced: how long verify-guest waits for the VM agent after start (default 15m; e.g. 30s, 5m).")
    Duration guestTimeout;

    @Mixin
    ColorOptions color;

    private final Plans plans;

    public UpgradeCommand() {
        this(Plans.standard());
    }

    public UpgradeCommand(Plans plans) {
        this.plans = plans;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (maxParallel < 1) {
            throw new ParameterException(spec.commandLine(), "--max-parallel must be at least 1, got " + maxParallel);
        }
        scope.check(cloud);
        CampaignOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cloud port = cloud.connect();
        List<Target> targets = scope.resolve(port, cloud);
        List<Target> missing = targets.stream().filter(t -> t.vm() == null).toList();
        if (!missing.isEmpty()) {
            throw new ErrorReporter.UsageException("--vms names " + missing.size() + " VM(s) that cannot be read: "
                    + String.join("; ", missing.stream().map(t -> t.ref() + " (" + t.problem() + ")").toList())
                    + "; nothing was changed");
        }
        if (whatIf) {
            String campaignId = Campaigns.nextId(null, Clock.systemUTC(), "tl");
            List<WhatIfPlanner.VmPlan> plans = new WhatIf(new FactsGatherer(port, true), new Assessor(StandardRules.all()),
                    options, 8).plan(targets, campaignId);
            WhatIfPrinter.print(out, plans, campaignId);
            return plans.stream().anyMatch(p -> p.outcome() == WhatIfPlanner.Outcome.BLOCKED) ? ExitCodes.REFUSED : ExitCodes.OK;
        }
        if (!yes) {
            err.println("trustlift: upgrade changes VMs only with --yes: nothing was changed (" + targets.size()
                    + " VM(s) in scope). See every change it would make with --what-if, then run again with --yes.");
            return ExitCodes.USAGE;
        }
        Path journalPath = JournalFiles.absolute(journal == null ? Journal.DEFAULT_PATH : journal);
        out.println("journal: " + journalPath);
        out.flush();
        if (targets.isEmpty()) {
            out.println("no VM in scope: nothing to upgrade, no campaign created");
            return ExitCodes.OK;
        }
        boolean existed = Files.exists(journalPath);
        try (Journal j = SqliteJournal.open(journalPath)) {
            Optional<Campaign> open = existed ? Campaigns.latestOpen(j) : Optional.empty();
            if (open.isPresent()) {
                throw new ErrorReporter.UsageException("the journal holds campaign " + open.get().id()
                        + ", which is not finished: continue it with `trustlift resume --journal " + journalPath
                        + " --yes`, or give another --journal; nothing was changed");
            }
            Campaign campaign = Campaigns.createUpgrade(j, targets, options, Clock.systemUTC(), JournalFiles.toolVersion());
            out.println("campaign " + campaign.id() + ": " + j.vms(campaign.id()).size() + " VM(s), at most "
                    + maxParallel + " at once");
            out.flush();
            return new CampaignRun(j, journalPath, port, plans.upgrade().apply(port), campaign, out, err,
                    Main.terminal(spec).stderr(), color.forStdout()).execute();
        }
    }

    private CampaignOptions options() {
        return new CampaignOptions(CampaignOptions.UPGRADE, cloud.subscriptions(), scope.resourceGroup(), scope.tags(),
                scope.vmsFile() == null ? null : scope.vmsFile().toString(), secureBoot == null ? null : secureBoot.enabled(),
                startStopped, makeRoom, maxParallel, guestTimeout, null);
    }
}
