package dev.trustlift.cli.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.ApiVersionProxy;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A fleet in ARM's own shapes (fleets/arm-shapes.json: SKU capabilities as {@code az vm list-skus}
 * prints them, restriction objects and the short string form, a VM on a retired size) assessed and
 * discovered end to end through the real Azure adapter, once as the SDK asks (Compute 2024-11-01,
 * where ARM omits the security type of a Standard VM) and once through a proxy that asks with
 * 2025-11-01 (where ARM says {@code "Standard"}). The expectations below were worked out by hand
 * from the fleet file, not taken from a run.
 */
@Execution(ExecutionMode.SAME_THREAD) // the api-version test reads the shared sandbox's call log
class ArmShapedFleetTest {
    static final String SUB = "44444444-4444-4444-4444-444444444444";
    static final String SDK_API = "2024-11-01";
    static final String NEW_API = "2025-11-01";
    static final ObjectMapper JSON = new ObjectMapper();

    /** vm -> verdict and the findings at BLOCKER or AUTO_FIX severity (the ones that decide it). */
    static final Map<String, String> VERDICTS = Map.of(
            "ready01", "READY",
            "retired01", "BLOCKED",
            "restricted01", "BLOCKED",
            "shortform01", "BLOCKED",
            "notl01", "BLOCKED",
            "gen2std01", "READY",
            "tl01", "ALREADY_TRUSTED_LAUNCH");
    static final Map<String, Set<String>> DECIDING = Map.of(
            "ready01", Set.of(),
            "retired01", Set.of("TL021"),
            "restricted01", Set.of("TL021"),
            "shortform01", Set.of("TL021"),
            "notl01", Set.of("TL020"),
            "gen2std01", Set.of());

    static SandboxServer sandbox;
    static ApiVersionProxy newerCompute;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxServer.start(Fleet.parse(resource("/fleets/arm-shapes.json"), "arm-shapes.json"), 0);
        newerCompute = ApiVersionProxy.start(sandbox.endpoint(), SDK_API, NEW_API);
    }

    @AfterAll
    static void stop() {
        newerCompute.close();
        sandbox.close();
    }

    @Test
    void verdictsFollowTheArmShapedSkuListAtTheSdksApiVersion() throws Exception {
        Map<String, JsonNode> vms = assess(sandbox.endpoint());
        checkVerdicts(vms);

        JsonNode retired = finding(vms.get("retired01"), "TL021");
        assertEquals("not offered in eastus", retired.at("/evidence/availability").asText(), retired.toString());
        // Standard_A2 is a classic size: its name says nothing of its vCPUs, so the smallest Trusted
        // Launch capable sizes offered to the subscription in eastus come first. E2s_v5 and F2s_v2 are
        // restricted there (object and string form), M8ms has TrustedLaunchDisabled.
        assertEquals(Set.of("Standard_D2s_v3", "Standard_D2s_v5", "Standard_D4s_v5"), suggestions(retired));

        // E2s_v5 (2 vCPUs, 16 GB) is restricted by ARM's restriction object: only D4s_v5 has the memory.
        JsonNode restricted = finding(vms.get("restricted01"), "TL021");
        assertEquals(List.of("Standard_D4s_v5"), List.copyOf(suggestionList(restricted)), restricted.toString());
        // F2s_v2 (2 vCPUs, 4 GB) is restricted by the short string form.
        assertEquals(Set.of("Standard_D2s_v3", "Standard_D2s_v5", "Standard_D4s_v5"),
                suggestions(finding(vms.get("shortform01"), "TL021")));
        // M8ms (8 vCPUs, 218.75 GB) has no Trusted Launch capable peer in this list.
        assertTrue(suggestions(finding(vms.get("notl01"), "TL020")).isEmpty());
        assertTrue(ruleIds(vms.get("gen2std01")).contains("TL002"), "a Gen2 Standard VM only needs Trusted Launch");
    }

    @Test
    void compute2025SaysStandardAndTheVerdictsStayTheSame() throws Exception {
        JsonNode model = get(sandbox.endpoint() + "subscriptions/" + SUB + "/resourceGroups/rg-arm/providers/"
                + "Microsoft.Compute/virtualMachines/ready01?api-version=" + NEW_API);
        assertEquals("Standard", model.at("/properties/securityProfile/securityType").asText(),
                "the sandbox answers 2025-11-01 as ARM does");
        int before = callCount();

        Map<String, JsonNode> direct = assess(sandbox.endpoint());
        Map<String, JsonNode> viaNewer = assess(newerCompute.endpoint());
        checkVerdicts(viaNewer);
        for (String vm : VERDICTS.keySet()) {
            assertEquals(ruleIds(direct.get(vm)), ruleIds(viaNewer.get(vm)), vm + ": the same findings at both api-versions");
        }
        List<JsonNode> all = calls();
        List<JsonNode> vmCalls = all.subList(before, all.size()).stream()
                .filter(c -> c.path("path").asText().contains("/virtualMachines")).toList();
        assertTrue(vmCalls.stream().anyMatch(c -> c.path("query").asText().contains("api-version=" + NEW_API)),
                "the proxied run asked Compute with " + NEW_API);
        assertTrue(vmCalls.stream().anyMatch(c -> c.path("query").asText().contains("api-version=" + SDK_API)),
                "the direct run asked Compute with " + SDK_API);
    }

    @Test
    void discoverReadsStandardAlikeAtBothApiVersions() throws Exception {
        for (String endpoint : List.of(sandbox.endpoint(), newerCompute.endpoint())) {
            CliRun r = CliRun.of(Duration.ofSeconds(120), "discover", "--endpoint", endpoint, "--subscription", SUB,
                    "--output", "json");
            assertEquals(0, r.exitCode(), r.describe());
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            JSON.readTree(r.out()).forEach(v -> byName.put(v.path("name").asText(), v));
            assertEquals("Standard", byName.get("ready01").path("securityType").asText(), endpoint);
            assertEquals("V1", byName.get("ready01").path("generation").asText(), endpoint);
            assertEquals("Standard", byName.get("gen2std01").path("securityType").asText(), endpoint);
            assertEquals("V2", byName.get("gen2std01").path("generation").asText(), endpoint);
            assertEquals("TrustedLaunch", byName.get("tl01").path("securityType").asText(), endpoint);
        }
    }

    private static void checkVerdicts(Map<String, JsonNode> vms) {
        assertEquals(VERDICTS.keySet(), vms.keySet());
        for (Map.Entry<String, String> e : VERDICTS.entrySet()) {
            JsonNode vm = vms.get(e.getKey());
            assertEquals(e.getValue(), vm.path("verdict").asText(), e.getKey() + ": " + vm);
            if (DECIDING.containsKey(e.getKey())) {
                assertEquals(DECIDING.get(e.getKey()), deciding(vm), e.getKey() + ": " + vm);
                assertTrue(vm.path("guestChecked").asBoolean(), e.getKey() + " is running with a Ready agent: probed");
                assertFalse(ruleIds(vm).contains("TL008"), e.getKey());
            }
        }
    }

    private static Map<String, JsonNode> assess(String endpoint) throws IOException {
        CliRun r = CliRun.of(Duration.ofSeconds(180), "assess", "--endpoint", endpoint, "--subscription", SUB,
                "--output", "json");
        assertEquals(3, r.exitCode(), "BLOCKED VMs make exit 3\n" + r.describe());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JSON.readTree(r.out()).path("vms").forEach(v -> out.put(v.path("name").asText(), v));
        return out;
    }

    private static JsonNode finding(JsonNode vm, String rule) {
        return StreamSupport.stream(vm.path("findings").spliterator(), false)
                .filter(f -> f.path("rule").asText().equals(rule)).findFirst()
                .orElseThrow(() -> new AssertionError(vm.path("name").asText() + " has no " + rule + ": " + vm));
    }

    private static Set<String> ruleIds(JsonNode vm) {
        Set<String> ids = new TreeSet<>();
        vm.path("findings").forEach(f -> ids.add(f.path("rule").asText()));
        return ids;
    }

    private static Set<String> deciding(JsonNode vm) {
        Set<String> ids = new TreeSet<>();
        vm.path("findings").forEach(f -> {
            String severity = f.path("severity").asText();
            if (severity.equals("BLOCKER") || severity.equals("AUTO_FIX")) {
                ids.add(f.path("rule").asText());
            }
        });
        return ids;
    }

    private static List<String> suggestionList(JsonNode finding) {
        return StreamSupport.stream(finding.path("suggestions").spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Set<String> suggestions(JsonNode finding) {
        return new TreeSet<>(suggestionList(finding));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer test").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static int callCount() throws Exception {
        return calls().size();
    }

    private static List<JsonNode> calls() throws Exception {
        JsonNode log = get(sandbox.endpoint() + "_sandbox/calls");
        return StreamSupport.stream(log.path("calls").spliterator(), false).toList();
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ArmShapedFleetTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
