package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.core.journal.VmState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void statusHasTheCampaignEveryStateAsACountAndEachVm() throws Exception {
        JsonNode status = MAPPER.readTree(new CampaignJson().status(SampleView.in(dir)));
        assertEquals(List.of("journal", "generatedAt", "campaign", "counts", "vms"), names(status));
        assertEquals("c-20261208-0300", status.at("/campaign/id").asText());
        assertEquals("RUNNING", status.at("/campaign/state").asText());
        assertEquals("0.9.0", status.at("/campaign/toolVersion").asText());
        List<String> states = new ArrayList<>();
        for (VmState s : VmState.values()) {
            states.add(s.name());
        }
        assertEquals(states, names(status.get("counts")));
        assertEquals(0, status.at("/counts/SKIPPED").asInt());
        assertEquals(1, status.at("/counts/BLOCKED").asInt());
        JsonNode web = status.at("/vms/0");
        assertEquals(List.of("id", "name", "resourceGroup", "state", "currentStep", "runningStep", "restorePointId",
                "downtimeSeconds", "downtimeEnded", "findings"), names(web));
        assertEquals(SampleCampaign.WEB, web.get("id").asText());
        assertEquals(120, web.get("downtimeSeconds").asInt());
        assertEquals(SampleCampaign.RESTORE_POINT, web.get("restorePointId").asText());
        assertEquals("TL120", web.at("/findings/0/rule").asText());
        JsonNode db = status.at("/vms/3");
        assertTrue(db.get("downtimeSeconds").isNull());
        assertFalse(db.get("downtimeEnded").asBoolean());
        assertEquals("start", db.at("/runningStep/step").asText());
        assertEquals("2026-12-08T03:05:06Z", db.at("/runningStep/since").asText());
        assertEquals(54, db.at("/runningStep/forSeconds").asInt());
        assertTrue(status.at("/vms/5/currentStep").isNull());
    }

    @Test
    void theReportAddsTheSummaryStepsAndArtifacts() throws Exception {
        Path out = Files.createDirectories(dir.resolve("reports")).resolve("run.json");
        CampaignView view = SampleView.in(dir);
        JsonNode report = MAPPER.readTree(new CampaignJson().report(view, ArtifactLinks.forReport(view.artifactFolder(), out)));
        assertEquals(330, report.at("/summary/wallTimeSeconds").asInt());
        assertEquals(120, report.at("/summary/totalDowntimeSeconds").asInt());
        assertEquals(120, report.at("/summary/maxDowntimeSeconds").asInt());
        assertEquals("win2022-web", report.at("/summary/maxDowntimeVm").asText());
        assertEquals(1, report.at("/summary/downtimesNotEnded").asInt());
        assertEquals("2026-12-08T03:00:00Z", report.at("/summary/firstStart").asText());

        JsonNode steps = report.at("/vms/0/steps");
        assertEquals(12, steps.size());
        JsonNode refused = steps.get(6);
        assertEquals("deallocate", refused.get("step").asText());
        assertEquals(1, refused.get("attempt").asInt());
        assertEquals("FAILED", refused.get("state").asText());
        assertEquals(5.5, refused.get("durationSeconds").asDouble(), "03:02:30 -> 03:02:35.500");
        assertEquals("Conflict", refused.at("/error/code").asText());
        assertEquals(409, refused.at("/detail/httpStatus").asInt());
        JsonNode retried = steps.get(7);
        assertEquals(2, retried.get("attempt").asInt());
        assertEquals(60, retried.get("durationSeconds").asInt());
        assertEquals("deallocate", retried.at("/operation/label").asText());
        assertEquals(List.of("req-web-6", "req-web-6-poll"), texts(retried.get("requestIds")));
        assertTrue(retried.get("error").isNull());

        JsonNode open = report.at("/vms/3/steps/4");
        assertEquals("STARTED", open.get("state").asText());
        assertTrue(open.get("ended").isNull());
        assertTrue(open.get("durationSeconds").isNull());

        JsonNode log = report.at("/vms/1/artifacts/0");
        assertEquals("setupact.log", log.get("name").asText());
        assertTrue(log.get("path").asText().startsWith("../trustlift-journal.db.d/"), log.toString());
        assertTrue(Files.isRegularFile(out.getParent().resolve(log.get("path").asText())), log.toString());
        assertEquals(SampleCampaign.SETUPACT.length(), log.get("sizeBytes").asInt());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
