package dev.trustlift.cli.campaign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.core.report.campaign.SampleCampaign;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trustlift report through Main.run: each format, stdout or --out, and bad input. */
class ReportCommandTest {
    @TempDir
    Path dir;
    private Path journal;

    @BeforeEach
    void writeTheSampleCampaign() {
        journal = dir.resolve("trustlift-journal.db");
        SampleCampaign.write(journal);
    }

    @Test
    void htmlToStdoutByDefaultWithAbsoluteArtifactLinks() throws Exception {
        byte[] before = Files.readAllBytes(journal);
        CliRun r = CliRun.of("report", "--journal", journal.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().startsWith("<!DOCTYPE html>"), r.out().substring(0, 100));
        assertTrue(r.out().contains("<a href=\"" + dir.resolve("trustlift-journal.db.d").toUri()), "absolute file: links");
        assertArrayEquals(before, Files.readAllBytes(journal), "report writes nothing to the journal");
    }

    @Test
    void outWritesTheFilePrintsItsPathAndLinksArtifactsRelativeToIt() throws Exception {
        Path out = Files.createDirectories(dir.resolve("reports")).resolve("run.html");
        CliRun r = CliRun.of("report", "--journal", journal.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals("report written to " + out, r.out().strip());
        String html = Files.readString(out);
        Matcher href = Pattern.compile("<a href=\"([^\"]+)\">setuperr.log</a>").matcher(html);
        assertTrue(href.find(), html);
        assertTrue(href.group(1).startsWith("../trustlift-journal.db.d/"), href.group(1));
        assertEquals("Cannot find room for the EFI system partition.\n", Files.readString(out.getParent().resolve(href.group(1))));
    }

    @Test
    void theOutExtensionChoosesTheFormat() throws Exception {
        Path md = dir.resolve("run.md");
        assertEquals(0, CliRun.of("report", "--journal", journal.toString(), "--out", md.toString()).exitCode());
        assertTrue(Files.readString(md).startsWith("# trustlift upgrade report\n"));
        Path json = dir.resolve("run.json");
        assertEquals(0, CliRun.of("report", "--journal", journal.toString(), "--out", json.toString()).exitCode());
        assertEquals(330, new ObjectMapper().readTree(Files.readString(json)).at("/summary/wallTimeSeconds").asInt());
    }

    @Test
    void csvHasOneRowPerAttempt() {
        CliRun r = CliRun.of("report", "--journal", journal.toString(), "--output", "csv");
        assertEquals(0, r.exitCode(), r.describe());
        assertEquals(1 + 26 + 1, r.out().lines().count(), r.out());
        assertTrue(r.out().contains(",deallocate,1,FAILED,2026-12-08T03:02:30Z,2026-12-08T03:02:35.500Z,5.5,req-web-409,,Conflict,"),
                r.out());
    }

    @Test
    void jsonOfTheOlderCampaign() throws Exception {
        CliRun r = CliRun.of("report", "--journal", journal.toString(), "--output", "json", "--campaign", SampleCampaign.OLD_ID);
        assertEquals(0, r.exitCode(), r.describe());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals("old-vm", report.at("/vms/0/name").asText());
        assertTrue(report.at("/summary/wallTimeSeconds").isNull());
    }

    @Test
    void badInputIsExitTwoAndCreatesNothing() throws Exception {
        Path missing = dir.resolve("missing.db");
        Path out = dir.resolve("never.html");
        CliRun r = CliRun.of("report", "--journal", missing.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("no journal at " + missing), r.err());
        assertFalse(Files.exists(missing));
        assertFalse(Files.exists(out), "no report of nothing");

        CliRun self = CliRun.of("report", "--journal", journal.toString(), "--out", journal.toString());
        assertEquals(2, self.exitCode(), self.describe());
        assertTrue(self.err().contains("is the journal itself"), self.err());

        CliRun noFolder = CliRun.of("report", "--journal", journal.toString(), "--out", dir.resolve("no/such/dir/r.html").toString());
        assertEquals(2, noFolder.exitCode(), noFolder.describe());
        assertTrue(noFolder.errIsCleanForPeople(), noFolder.err());

        CliRun format = CliRun.of("report", "--journal", journal.toString(), "--output", "pdf");
        assertEquals(2, format.exitCode(), format.describe());
    }

    @Test
    void theCommittedV1JournalReports() throws Exception {
        // core's test resource, inside core's tests jar once packaged: copied by stream.
        byte[] committed;
        try (InputStream in = ReportCommandTest.class.getResourceAsStream("/journals/v1-campaign.db")) {
            committed = in.readAllBytes();
        }
        Path copy = Files.write(dir.resolve("v1.db"), committed);
        CliRun r = CliRun.of("report", "--journal", copy.toString(), "--output", "md");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.out().contains("- Downtime: 30s (2026-12-08T02:00:20Z -> 2026-12-08T02:00:50Z)"), r.out());
        assertArrayEquals(committed, Files.readAllBytes(copy));
    }
}
