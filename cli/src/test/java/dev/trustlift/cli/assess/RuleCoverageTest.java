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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rule-coverage fleet (fleets/rules-coverage.json) assessed end to end through the real Azure
 * adapter against the sandbox, with the guest probe (the default) and with --no-probe-guest, checked VM by VM against
 * fleets/rules-coverage.expected, which was written by hand from the fleet's intent (each VM is
 * built to trip specific rules), not from this tool's output.
 */
class RuleCoverageTest {
    static final String SUB1 = "11111111-1111-1111-1111-111111111111";
    static final String SUB2 = "22222222-2222-2222-2222-222222222222";
    /** Every rule id of contracts/assessment.md. */
    static final List<String> CONTRACT_RULES = List.of("TL001", "TL002", "TL003", "TL008", "TL010", "TL020", "TL021", "TL030",
            "TL031", "TL032", "TL040", "TL041", "TL050", "TL060", "TL061", "TL070", "TL080", "TL081", "TL082", "TL083",
            "TL090", "TL091", "TL092", "TL093", "TL100", "TL101", "TL110", "TL120", "TL130");
    /** Verdicts that the model alone decides; those VMs are not checked against the other rules. */
    static final Set<String> DECIDED_BY_MODEL = Set.of("SKIPPED", "ALREADY_TRUSTED_LAUNCH");
    static final Set<String> MODEL_RULES = Set.of("TL001", "TL003", "TL130");
    static final ObjectMapper JSON = new ObjectMapper();

    static SandboxServer sandbox;

    /** By default (probed) and with --no-probe-guest. */
    record Expected(String probedVerdict, List<String> probedRules, String verdict, List<String> rules) {
    }

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxServer.start(Fleet.parse(resource("/fleets/rules-coverage.json"), "rules-coverage.json"), 0);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = RuleCoverageTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** vm -> expectations; lines are "name | verdict rules... | verdict rules..." (by default, with --no-probe-guest). */
    static Map<String, Expected> expected() throws IOException {
        Map<String, Expected> out = new LinkedHashMap<>();
        for (String line : resource("/fleets/rules-coverage.expected").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\\|");
            List<String> probed = List.of(cols[1].trim().split("\\s+"));
            List<String> plain = List.of(cols[2].trim().split("\\s+"));
            out.put(cols[0].trim(), new Expected(probed.get(0), sorted(probed.subList(1, probed.size())), plain.get(0),
                    sorted(plain.subList(1, plain.size()))));
        }
        return out;
    }

    static List<String> sorted(List<String> rules) {
        return List.copyOf(new TreeSet<>(rules));
    }

    record Outcome(String verdict, List<String> rules) {
        @Override
        public String toString() {
            return verdict + " " + String.join(" ", rules);
        }
    }

    /** The rules that fired per VM; each VM's guestChecked must agree with its TL008. */
    static Map<String, Outcome> assess(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB1,
                "--subscription", SUB2, "--output", "json"));
        args.addAll(List.of(extra));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(3, r.exitCode(), "blocked VMs mean exit 3; stderr: " + r.err());
        Map<String, Outcome> m = new LinkedHashMap<>();
        for (JsonNode vm : JSON.readTree(r.out()).get("vms")) {
            List<String> rules = StreamSupport.stream(vm.get("findings").spliterator(), false)
                    .map(f -> f.get("rule").asText()).toList();
            assertTrue(vm.get("guestChecked").isBoolean(), vm.toString());
            assertEquals(!rules.contains("TL008"), vm.get("guestChecked").asBoolean(), vm.get("name") + ": guestChecked vs TL008");
            m.put(vm.get("name").asText(), new Outcome(vm.get("verdict").asText(), sorted(rules)));
        }
        return m;
    }

    static void compare(Map<String, Expected> expected, Map<String, Outcome> actual, boolean probed) {
        List<String> wrong = new ArrayList<>();
        for (var e : expected.entrySet()) {
            Outcome want = probed ? new Outcome(e.getValue().probedVerdict(), e.getValue().probedRules())
                    : new Outcome(e.getValue().verdict(), e.getValue().rules());
            Outcome got = actual.get(e.getKey());
            if (!want.equals(got)) {
                wrong.add(e.getKey() + ": expected " + want + ", got " + got);
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), "the report covers exactly the fleet's VMs");
        assertTrue(wrong.isEmpty(), (probed ? "by default" : "with --no-probe-guest") + ":\n" + String.join("\n", wrong));
    }

    @Test
    void everyVmByDefaultProbesTheGuest() throws IOException {
        compare(expected(), assess(), true);
    }

    @Test
    void theOldProbeFlagIsStillAcceptedAndMeansTheDefault() throws IOException {
        compare(expected(), assess("--probe-guest"), true);
    }

    @Test
    void everyVmWithoutTheProbeClaimsNoGuestCheck() throws IOException {
        compare(expected(), assess("--no-probe-guest"), false);
    }

    @Test
    void unprobedBitLockerAndFourPartitionVmsAreReadyOnlyWithTl008() throws IOException {
        Map<String, Outcome> plain = assess("--no-probe-guest");
        Map<String, Outcome> probed = assess();
        for (String vm : List.of("bitlocker", "four-partitions")) {
            assertEquals("BLOCKED", probed.get(vm).verdict(), vm);
            assertEquals(new Outcome("READY", List.of("TL008")), plain.get(vm), vm);
        }
    }

    @Test
    void tl070NamesTheReplicationItemItReadAndTheVmsCreationTimeAndTl010IsInformation() throws IOException {
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB1, "--subscription", SUB2,
                "--output", "json", "--no-probe-guest");
        Map<String, JsonNode> byRule = new LinkedHashMap<>();
        for (JsonNode vm : JSON.readTree(r.out()).get("vms")) {
            for (JsonNode f : vm.get("findings")) {
                byRule.putIfAbsent(vm.get("name").asText() + " " + f.get("rule").asText(), f);
            }
        }
        JsonNode tl070 = byRule.get("asr TL070");
        String item = tl070.get("evidence").get("replicationItem").asText();
        assertTrue(item.contains("/providers/Microsoft.RecoveryServices/vaults/") && item.contains("/replicationProtectedItems/")
                && item.endsWith("(Protected)"), item);
        assertTrue(tl070.get("evidence").get("extension").asText().contains("SiteRecovery"), tl070.toString());
        assertEquals("2024-03-01T09:00:00Z", tl070.get("evidence").get("timeCreated").asText(), "the sandbox's default");
        JsonNode tl010 = byRule.get("feature-unregistered TL010");
        assertEquals("INFO", tl010.get("severity").asText());
        assertEquals("NotRegistered", tl010.get("evidence").get("state").asText());
    }

    @Test
    void theFleetCoversEveryContractRulePositivelyAndNegatively() throws IOException {
        Set<String> fires = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Expected e : expected().values()) {
            for (String rule : CONTRACT_RULES) {
                boolean checked = MODEL_RULES.contains(rule) || !DECIDED_BY_MODEL.contains(e.probedVerdict());
                if (e.probedRules().contains(rule)) {
                    fires.add(rule);
                } else if (checked) {
                    silent.add(rule);
                }
            }
        }
        assertEquals(CONTRACT_RULES, List.copyOf(fires), "rules that fire on some VM");
        assertEquals(CONTRACT_RULES, List.copyOf(silent), "rules that stay silent on some checked VM");
    }

    /** ARM requests per assessed VM without the probe, counted from the sandbox's own call log. */
    @Test
    void atMostFourArmRequestsPerVmBesidesSkuListsAndFeatures() throws Exception {
        int before = calls().size();
        Map<String, Outcome> report = assess("--no-probe-guest");
        List<JsonNode> all = calls();
        List<JsonNode> made = all.subList(before, all.size());
        long skuLists = made.stream().filter(c -> c.path("path").asText().endsWith("/skus")).count();
        long features = made.stream().filter(c -> c.path("path").asText().contains("/features/")).count();
        long vaults = made.stream().filter(c -> c.path("path").asText().endsWith("/Microsoft.RecoveryServices/vaults")).count();
        long replication = made.stream().filter(c -> c.path("path").asText().endsWith("/replicationProtectedItems")).count();
        assertEquals(2, vaults, "Site Recovery's vaults listed once per subscription");
        long perVm = made.size() - skuLists - features - vaults - replication;
        assertTrue(skuLists <= 3, "one SKU list per subscription and location (eastus, westeurope; two subscriptions): "
                + skuLists);
        assertEquals(2, features, "one feature read per subscription");
        long assessed = report.values().stream().filter(o -> !DECIDED_BY_MODEL.contains(o.verdict())).count();
        long statusReads = made.stream().filter(c -> c.path("path").asText().endsWith("/instanceView")).count();
        assertEquals(assessed, statusReads, "one instance view per VM not decided by its model, none for the others");
        double average = (double) perVm / report.size();
        assertTrue(average <= 4.0, "ARM requests per VM: " + average + " (" + perVm + " for " + report.size() + " VMs)");
    }

    static List<JsonNode> calls() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.endpoint() + "_sandbox/calls")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).path("calls").forEach(out::add);
        return out;
    }
}
