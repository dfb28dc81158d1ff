package dev.trustlift.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.rules.StandardRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON output against the shape written in contracts/assessment.md. */
class JsonReportTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void contractExampleShape() throws Exception {
        AssessmentReport report = AssessmentReport.of(Instant.parse("2026-11-28T12:00:00.123Z"), List.of(
                new Assessor(StandardRules.all()).assess(Fixtures.windows().size("Standard_A2_v2").build())));
        JsonNode root = mapper.readTree(new JsonReport().render(report));
        assertEquals(List.of("generatedAt", "summary", "vms"), names(root));
        assertEquals("2026-11-28T12:00:00Z", root.get("generatedAt").asText());
        assertEquals(List.of("READY", "READY_WITH_FIXES", "BLOCKED", "ALREADY_TRUSTED_LAUNCH", "SKIPPED", "UNKNOWN"),
                names(root.get("summary")));
        assertEquals(1, root.get("summary").get("BLOCKED").asInt());
        JsonNode vm = root.get("vms").get(0);
        assertEquals(List.of("id", "name", "resourceGroup", "subscription", "verdict", "guestChecked", "findings"), names(vm));
        assertTrue(vm.get("guestChecked").isBoolean());
        assertFalse(vm.get("guestChecked").asBoolean(), "the fixture VM was not probed");
        assertEquals("/subscriptions/" + Fixtures.SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01",
                vm.get("id").asText());
        assertEquals("BLOCKED", vm.get("verdict").asText());
        JsonNode tl020 = vm.get("findings").get(0);
        assertEquals(List.of("rule", "severity", "message", "evidence", "remediation", "suggestions"), names(tl020));
        assertEquals("TL020", tl020.get("rule").asText());
        assertEquals("BLOCKER", tl020.get("severity").asText());
        assertEquals("Standard_A2_v2", tl020.get("evidence").get("size").asText());
        assertEquals(2, tl020.get("evidence").get("vCPUs").asInt());
        assertTrue(tl020.get("suggestions").isArray());
        assertEquals("Standard_F2s_v2", tl020.get("suggestions").get(0).asText());
    }

    @Test
    void summaryAgreesWithTheVerdictsListed() throws Exception {
        JsonNode root = mapper.readTree(new JsonReport().render(SampleFleet.report()));
        Map<String, Integer> counted = new HashMap<>();
        root.get("vms").forEach(vm -> counted.merge(vm.get("verdict").asText(), 1, Integer::sum));
        root.get("summary").fields().forEachRemaining(e ->
                assertEquals(counted.getOrDefault(e.getKey(), 0), e.getValue().asInt(), e.getKey()));
        assertEquals(13, root.get("vms").size());
        root.get("summary").fields().forEachRemaining(e -> assertTrue(e.getValue().asInt() > 0, "sample lacks " + e.getKey()));
    }

    @Test
    void hostileTextSurvivesAsData() throws Exception {
        JsonNode root = mapper.readTree(new JsonReport().render(SampleFleet.report()));
        boolean found = false;
        for (JsonNode vm : root.get("vms")) {
            for (JsonNode f : vm.get("findings")) {
                found |= SampleFleet.HOSTILE_TAG.equals(f.get("evidence").path("value").asText());
            }
        }
        assertTrue(found);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
