package dev.trustlift.cli.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet of the upgrade's end-to-end tests (fleets/upgrade-e2e.json) served by the sandbox and
 * assessed through the real adapter: every VM gets the verdict and findings that
 * fleets/upgrade-e2e.expected, written by hand from each VM's intent, says; each BLOCKED upgrade
 * expectation names a blocker assess finds, and every other one starts from a VM assess lets through.
 */
class UpgradeE2eFleetTest {
    static final String SUB_A = "e2e00000-0000-0000-0000-00000000000a";
    static final String SUB_B = "e2e00000-0000-0000-0000-00000000000b";
    static final Set<String> OUTCOMES = Set.of("UPGRADED", "BLOCKED", "FAILED");
    static final ObjectMapper JSON = new ObjectMapper();

    static SandboxServer sandbox;

    /** One line of the expectations: assess's verdict and rules, the upgrade's outcome (word, then step or rule). */
    record Expected(String verdict, List<String> rules, List<String> upgrade) {
    }

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxServer.start(Fleet.parse(resource("/fleets/upgrade-e2e.json"), "upgrade-e2e.json"), 0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = UpgradeE2eFleetTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, Expected> expected() throws IOException {
        Map<String, Expected> out = new LinkedHashMap<>();
        for (String line : resource("/fleets/upgrade-e2e.expected").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\\|");
            assertEquals(4, cols.length, "name | assess | upgrade | how: " + line);
            List<String> assess = List.of(cols[1].trim().split("\\s+"));
            out.put(cols[0].trim(), new Expected(assess.get(0), List.copyOf(new TreeSet<>(assess.subList(1, assess.size()))),
                    List.of(cols[2].trim().split("\\s+"))));
        }
        return out;
    }

    record Outcome(String verdict, List<String> rules) {
        @Override
        public String toString() {
            return verdict + " " + String.join(" ", rules);
        }
    }

    static Map<String, Outcome> assess() throws IOException {
        CliRun r = CliRun.of(Duration.ofSeconds(120), "assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB_A,
                "--subscription", SUB_B, "--output", "json");
        assertEquals(3, r.exitCode(), "ws2016 and the deallocated VM are BLOCKED: " + r.describe());
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (JsonNode vm : JSON.readTree(r.out()).get("vms")) {
            TreeSet<String> rules = new TreeSet<>();
            vm.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
            out.put(vm.get("name").asText(), new Outcome(vm.get("verdict").asText(), List.copyOf(rules)));
        }
        return out;
    }

    @Test
    void everyVmIsAssessedAsItsExpectationSays() throws IOException {
        Map<String, Expected> expected = expected();
        Map<String, Outcome> actual = assess();
        assertEquals(expected.keySet(), actual.keySet(), "the expectations cover exactly the fleet's VMs");
        List<String> wrong = new ArrayList<>();
        expected.forEach((name, e) -> {
            Outcome want = new Outcome(e.verdict(), e.rules());
            if (!want.equals(actual.get(name))) {
                wrong.add(name + ": expected " + want + ", got " + actual.get(name));
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theUpgradeExpectationsAgreeWithTheAssessVerdicts() throws IOException {
        for (var e : expected().entrySet()) {
            List<String> upgrade = e.getValue().upgrade();
            assertTrue(OUTCOMES.contains(upgrade.get(0)), e.getKey() + ": " + upgrade);
            if (upgrade.get(0).equals("BLOCKED") && upgrade.get(1).startsWith("UPG")) {
                // blocked by what only the upgrade runs (MBR2GPT /validate): assess cannot know it
                assertTrue(Set.of("READY", "READY_WITH_FIXES").contains(e.getValue().verdict()), e.getKey());
            } else if (upgrade.get(0).equals("BLOCKED")) {
                assertEquals("BLOCKED", e.getValue().verdict(), e.getKey());
                assertTrue(e.getValue().rules().contains(upgrade.get(1)), e.getKey() + " is blocked by a rule assess finds");
            } else {
                assertTrue(Set.of("READY", "READY_WITH_FIXES").contains(e.getValue().verdict()), e.getKey());
            }
        }
    }

    @Test
    void theFleetHoldsEachCaseTheUpgradeTestsNeed() throws IOException {
        JsonNode fleet = JSON.readTree(resource("/fleets/upgrade-e2e.json"));
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        fleet.get("vms").forEach(vm -> byName.put(vm.get("name").asText(), vm));
        for (String os : List.of("ws2019", "ws2022", "win10", "win11")) {
            JsonNode vm = byName.get(os);
            assertEquals("windows-azure-default", vm.at("/osDisk/layout").asText(), os + " is MBR");
            assertEquals("running", vm.get("powerState").asText());
            assertEquals(0, vm.get("faults").size(), os + " has no fault");
        }
        assertEquals("linux-azure-gpt", byName.get("ubuntu2204").at("/osDisk/layout").asText());
        assertTrue(byName.get("sysres-d").at("/guest/systemReservedTakesD").asBoolean());
        assertTrue(byName.get("validate-fails").at("/guest/setupLogKb").asInt() * 1024 > 4096,
                "the logs need more than one 4 KB output window");
        assertEquals("deallocated", byName.get("stopped").get("powerState").asText());
        JsonNode refused = byName.get("tl-refused").at("/faults/0");
        assertEquals("set-security-type", refused.get("op").asText());
        assertTrue(refused.get("times") == null, "Trusted Launch is refused for good, not a number of times");
        assertEquals(SUB_B, byName.get("gated").get("subscription").asText());
        assertEquals(fleet.at("/subscriptions/1/requireFeature").asText(),
                fleet.at("/subscriptions/1/features").fieldNames().next());
    }
}
