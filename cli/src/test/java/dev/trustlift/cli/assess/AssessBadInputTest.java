package dev.trustlift.cli.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to assess: a clear one-line message and exit 2, or a per-VM UNKNOWN; never a stack trace. */
class AssessBadInputTest {
    static final String SUB = AssessCommandTest.SUB;
    static final String OTHER = "99999999-9999-9999-9999-999999999999";
    static SandboxServer sandbox;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = AssessBadInputTest.class.getResourceAsStream("/assess/fleet.json")) {
            sandbox = SandboxServer.start(Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "fleet.json"), 0);
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Usage errors are one line, followed by picocli's hint to --help. */
    static void oneLineUsageError(CliRun r) {
        var lines = r.err().strip().lines().toList();
        assertTrue(lines.size() <= 2 && (lines.size() == 1 || lines.get(1).startsWith("Try 'trustlift assess --help'")),
                r.err());
    }

    static void noStackTrace(CliRun r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void csvMissingAColumnNamesTheColumnAndTheLine() throws IOException {
        Path vms = dir.resolve("vms.csv");
        Files.writeString(vms, "vmName,enableSecureBoot\nweb01,true\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--vms", vms.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("vms.csv:1:") && r.err().contains("'vmResourceGroupName'"), r.err());
        oneLineUsageError(r);
        noStackTrace(r);
    }

    @Test
    void duplicateRowNamesBothLines() throws IOException {
        Path vms = dir.resolve("dup.csv");
        Files.writeString(vms, "vmName,vmResourceGroupName,enableSecureBoot\nweb01,rg-app,true\nold01,rg-app,true\n"
                + "WEB01,RG-APP,true\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--vms", vms.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("dup.csv:4:") && r.err().contains("line 2"), r.err());
        oneLineUsageError(r);
        noStackTrace(r);
    }

    @Test
    void unknownVmIsUnknownWithAFindingSayingItWasNotFound() throws Exception {
        Path vms = dir.resolve("vms.csv");
        Files.writeString(vms, "vmName,vmResourceGroupName,enableSecureBoot\nweb01,rg-app,true\nghost,rg-app,true\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--vms", vms.toString(),
                "--output", "json");
        assertEquals(3, r.exitCode(), r.err());
        Map<String, JsonNode> m = AssessCommandTest.byName(AssessCommandTest.JSON.readTree(r.out()));
        assertEquals("READY", m.get("web01").get("verdict").asText());
        JsonNode ghost = m.get("ghost");
        assertEquals("UNKNOWN", ghost.get("verdict").asText());
        assertTrue(ghost.get("findings").get(0).get("message").asText().contains("not found"), ghost.toString());
        noStackTrace(r);
    }

    @Test
    void aSubscriptionThatCannotBeListedIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", OTHER, "--output", "json");
        assertEquals(2, r.exitCode(), r.err() + r.out());
        assertTrue(r.err().startsWith("trustlift: cannot list VMs in subscription(s) " + OTHER)
                && r.err().contains("SubscriptionNotFound"), r.err());
        oneLineUsageError(r);
        noStackTrace(r);
    }

    @Test
    void aVmListRowInAnUnreadableSubscriptionIsUnknown() throws Exception {
        Path vms = dir.resolve("ids.txt");
        Files.writeString(vms, "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01\n"
                + "/subscriptions/" + OTHER + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01\n");
        CliRun r = CliRun.of("assess", "--endpoint", sandbox.endpoint(), "--subscription", SUB, "--subscription", OTHER,
                "--vms", vms.toString(), "--output", "json");
        assertEquals(3, r.exitCode(), r.err());
        JsonNode report = AssessCommandTest.JSON.readTree(r.out());
        assertEquals("READY", report.get("vms").get(0).get("verdict").asText());
        assertEquals("UNKNOWN", report.get("vms").get(1).get("verdict").asText(), report.toString());
        noStackTrace(r);
    }

    @Test
    void anUnreachableEndpointIsOneLineWithoutAStackTrace() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.of("assess", "--endpoint", "http://127.0.0.1:" + port + "/", "--subscription", SUB,
                "--output", "json");
        assertTrue(r.exitCode() == 1 || r.exitCode() == 2, r.exitCode() + " " + r.err());
        assertTrue(r.err().startsWith("trustlift: error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        noStackTrace(r);
    }
}
