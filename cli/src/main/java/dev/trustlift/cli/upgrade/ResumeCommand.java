package dev.trustlift.cli.upgrade;

import dev.trustlift.cli.ColorOptions;
import dev.trustlift.cli.ExitCodes;
import dev.trustlift.cli.Main;
import dev.trustlift.cli.cloud.CloudOptions;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.CampaignOptions;
import dev.trustlift.core.upgrade.Campaigns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * trustlift resume: continues the journal's latest campaign that is not finished, with the options
 * it was started with. Each VM continues where the journal says: an operation in flight is
 * re-attached by its URL, a step left open re-reads the real state.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue the journal's latest unfinished campaign (after Ctrl-C, a lost connection or a crash),"
                + " with the options it was started with.",
                "Changes nothing without --yes. The VMs are the campaign's; scope flags are not taken."})
public final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Option(names = "--journal", paramLabel = "PATH", required = true, description = "The journal of the campaign.")
    Path journal;

    @Option(names = "--yes", description = "Really continue changing the VMs. Without it resume changes nothing.")
    boolean yes;

    @Mixin
    ColorOptions color;

    private final Plans plans;

    public ResumeCommand() {
        this(Plans.standard());
    }

    public ResumeCommand(Plans plans) {
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
            Optional<Campaign> open = Campaigns.latestOpen(j);
            if (open.isEmpty()) {
                out.println("nothing to resume: every campaign in the journal is finished");
                return ExitCodes.OK;
            }
            Campaign campaign = open.get();
            Map<VmState, Integer> counts = j.countsByState(campaign.id());
            int waiting = counts.get(VmState.PENDING) + counts.get(VmState.IN_PROGRESS);
            if (!yes) {
                err.println("trustlift: resume changes VMs only with --yes: nothing was changed (campaign " + campaign.id()
                        + ", " + waiting + " VM(s) to continue). Run again with --yes.");
                return ExitCodes.USAGE;
            }
            CampaignOptions options = CampaignOptions.fromJson(campaign.optionsJson());
            out.println("resuming " + options.command() + " campaign " + campaign.id() + " (started " + campaign.created()
                    + "): " + waiting + " VM(s) to continue, at most " + options.maxParallel() + " at once");
            out.flush();
            Cloud port = cloud.connect();
            return new CampaignRun(j, journalPath, port, plans.forCommand(options.command(), port), campaign, out, err,
                    Main.terminal(spec).stderr(), color.forStdout()).execute();
        }
    }
}
