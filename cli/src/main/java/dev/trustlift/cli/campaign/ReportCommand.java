package dev.trustlift.cli.campaign;

import dev.trustlift.cli.ErrorReporter.UsageException;
import dev.trustlift.cli.ExitCodes;
import dev.trustlift.core.report.campaign.ArtifactLinks;
import dev.trustlift.core.report.campaign.CampaignCsv;
import dev.trustlift.core.report.campaign.CampaignHtml;
import dev.trustlift.core.report.campaign.CampaignJson;
import dev.trustlift.core.report.campaign.CampaignMarkdown;
import dev.trustlift.core.report.campaign.CampaignView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** trustlift report: the run's report from its journal; reads the journal only. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a campaign's report from its journal: HTML, Markdown, JSON or CSV.",
                "Per VM the steps with start, end and duration, ARM request ids, the restore point, the downtime "
                        + "(deallocate requested -> running again), findings, final state and artifacts; HTML is one "
                        + "self-contained file. Reads the journal only."})
public final class ReportCommand implements Callable<Integer> {

    /** The report formats; picocli matches the option value to these names. */
    enum Format { html, md, json, csv }

    @Spec
    CommandSpec spec;

    @Mixin
    JournalOptions journal;

    @Option(names = "--output", paramLabel = "FORMAT",
            description = "html, md, json or csv. Default: from the --out file's extension, else html.")
    Format output;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the report to FILE (artifacts are linked relative to it) and print its path; "
                    + "default: stdout.")
    Path outFile;

    @Override
    public Integer call() throws IOException {
        Format format = choose(output, outFile);
        CampaignView view = journal.read();
        if (outFile != null && Files.exists(outFile) && Files.isSameFile(outFile, journal.journal())) {
            throw new UsageException("--out " + outFile + " is the journal itself; name another file");
        }
        ArtifactLinks links = ArtifactLinks.forReport(view.artifactFolder(), outFile);
        String rendered = switch (format) {
            case html -> new CampaignHtml().render(view, links);
            case md -> new CampaignMarkdown().render(view, links);
            case json -> new CampaignJson().report(view, links);
            case csv -> new CampaignCsv().render(view);
        };
        PrintWriter out = spec.commandLine().getOut();
        if (outFile == null) {
            out.print(rendered);
        } else {
            Files.writeString(outFile, rendered, StandardCharsets.UTF_8);
            out.println("report written to " + outFile);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static Format choose(Format asked, Path outFile) {
        if (asked != null) {
            return asked;
        }
        String name = outFile == null ? "" : outFile.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Format.md;
        }
        if (name.endsWith(".json")) {
            return Format.json;
        }
        if (name.endsWith(".csv")) {
            return Format.csv;
        }
        return Format.html;
    }
}
