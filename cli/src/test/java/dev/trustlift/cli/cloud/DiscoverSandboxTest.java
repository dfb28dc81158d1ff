package dev.trustlift.cli.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trustlift discover reaches the sandbox through the adapter; the answer matches the sandbox's true state. */
class DiscoverSandboxTest {

    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final ObjectMapper JSON = new ObjectMapper();
    static SandboxServer sandbox;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = DiscoverSandboxTest.class.getResourceAsStream("/fleets/discover.json")) {
            sandbox = SandboxServer.start(Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "discover.json"), 0);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void jsonAgreesWithTheSandboxState() throws Exception {
        CliRun r = CliRun.of("discover", "--endpoint", sandbox.endpoint(),
                "--subscription", SUB, "--output", "json");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        JsonNode listed = JSON.readTree(r.out());
        assertEquals(3, listed.size(), r.out());

        JsonNode state = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.endpoint() + "_sandbox/state")).build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, JsonNode> truth = new HashMap<>();
        state.path("vms").forEach(vm -> truth.put(vm.path("name").asText(), vm));
        for (JsonNode vm : listed) {
            JsonNode t = truth.get(vm.path("name").asText());
            assertEquals(t.at("/osDisk/hyperVGeneration").asText(), vm.path("generation").asText(), vm.toString());
            assertEquals(t.path("securityType").asText(), vm.path("securityType").asText(), vm.toString());
            assertEquals(t.path("size").asText(), vm.path("size").asText());
            assertEquals(t.path("resourceGroup").asText(), vm.path("resourceGroup").asText());
        }
        assertTrue(r.out().contains("\"generation\" : \"V1\""), r.out());
    }

    @Test
    void resourceGroupAndGraphNarrowTheScope() throws Exception {
        CliRun r = CliRun.of("discover", "--endpoint", sandbox.endpoint(),
                "--subscription", SUB, "--resource-group", "rg-linux", "--graph", "--output", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode listed = JSON.readTree(r.out());
        assertEquals(1, listed.size(), r.out());
        assertEquals("lin01", listed.get(0).path("name").asText());
        assertEquals("Linux", listed.get(0).path("osType").asText());
    }

    @Test
    void officialCsvNamesTheVmsAndAnUnknownRowIsReported(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("vms.csv");
        Files.writeString(csv, "\uFEFFVMName,VMResourceGroupName,EnableSecureBoot\n"
                + "lin01,rg-linux,true\nweb01,rg-app,false\nghost99,rg-app,true\n");
        CliRun r = CliRun.of("discover", "--endpoint", sandbox.endpoint(), "--subscription", SUB,
                "--vms", csv.toString(), "--output", "json");
        assertEquals(3, r.exitCode(), r.describe());
        JsonNode listed = JSON.readTree(r.out());
        assertEquals(2, listed.size(), r.out());
        assertEquals("lin01", listed.get(0).path("name").asText(), "the file's order is kept");
        assertEquals("web01", listed.get(1).path("name").asText());
        assertTrue(r.err().contains("ghost99"), r.err());
        assertTrue(r.errIsCleanForPeople(), r.err());
    }

    @Test
    void vmsCannotBeCombinedWithGraph(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("vms.csv");
        Files.writeString(csv, "vmName,vmResourceGroupName,enableSecureBoot\nlin01,rg-linux,true\n");
        CliRun r = CliRun.of("discover", "--endpoint", sandbox.endpoint(), "--subscription", SUB,
                "--vms", csv.toString(), "--graph");
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.err().contains("--graph"), r.err());
    }
}
