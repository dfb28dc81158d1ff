package dev.trustlift.cli.campaign;

import dev.trustlift.cli.ColorOptions;
import dev.trustlift.cli.ExitCodes;
import dev.trustlift.core.report.campaign.CampaignJson;
import dev.trustlift.core.report.campaign.CampaignView;
import dev.trustlift.core.report.campaign.StatusTable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** trustlift status: where a campaign stands, read from its journal; reads only. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show where a campaign stands, from its journal: VMs per state, each VM's state, step and downtime.",
                "The latest campaign unless --campaign names another; a running step says since when it runs.",
                "Reads the journal only; safe while an upgrade is running on it."})
public final class StatusCommand implements Callable<Integer> {

    /** The formats of status; picocli matches the option value to these names. */
    enum Format { table, json }

    @Spec
    CommandSpec spec;

    @Mixin
    JournalOptions journal;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default) or json (stable keys: docs/report.md).")
    Format output;

    @Mixin
    ColorOptions color;

    @Override
    public Integer call() {
        CampaignView view = journal.read();
        PrintWriter out = spec.commandLine().getOut();
        out.print(output == Format.json ? new CampaignJson().status(view) : new StatusTable(color.forStdout()).render(view));
        out.flush();
        return ExitCodes.OK;
    }
}
