package dev.trustlift.cli.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.trustlift.cli.Main;
import dev.trustlift.cli.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * trustlift discover in-process through Main.run, against a loopback server answering with the
 * public ARM examples: a Gen1 VM (its disk says V1) and a Trusted Launch VM.
 */
class DiscoverCommandTest {

    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final ObjectMapper JSON = new ObjectMapper();
    static HttpServer server;
    static final List<String> calls = new CopyOnWriteArrayList<>();

    static String example(String file) throws IOException {
        try (InputStream in = DiscoverCommandTest.class.getResourceAsStream("/arm/" + file)) {
            JsonNode root = JSON.readTree(in);
            return root.path("responses").path("200").path("body").toString().replace("{subscription-id}", SUB);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        String gen1 = example("VirtualMachine_Get.json");
        String tl = example("VirtualMachine_Create_WithUefiSettings.json")
                .replace("virtualMachines/myVM", "virtualMachines/tlVM").replace("\"name\":\"myVM\"", "\"name\":\"tlVM\"");
        String disk = example("Disk_Get.json");
        // api-version 2025-11-01 and later name a VM without a security type "Standard"; its disk
        // (an old attached VHD copy, say) does not say its generation, nor does the instance view.
        String standard = gen1.replace("virtualMachines/myVM", "virtualMachines/stdVM").replace("\"name\":\"myVM\"", "\"name\":\"stdVM\"")
                .replace("disks/myOsDisk", "disks/stdOsDisk")
                .replace("\"properties\":{", "\"properties\":{\"securityProfile\":{\"securityType\":\"Standard\"},");
        String silentDisk = disk.replace("\"hyperVGeneration\":\"V1\",", "").replace("myOsDisk", "stdOsDisk");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            calls.add(exchange.getRequestMethod() + " " + path);
            String body;
            int status = 200;
            if (path.equals("/subscriptions/" + SUB + "/providers/Microsoft.Compute/virtualMachines")) {
                body = "{\"value\":[" + gen1 + "," + tl + "," + standard + "]}";
            } else if (path.equals("/subscriptions/" + SUB + "/resourceGroups/myResourceGroup/providers/Microsoft.Compute/disks/myOsDisk")) {
                body = disk;
            } else if (path.equals("/subscriptions/" + SUB + "/resourceGroups/myResourceGroup/providers/Microsoft.Compute/disks/stdOsDisk")) {
                body = silentDisk;
            } else if (path.equals("/subscriptions/" + SUB + "/resourceGroups/myResourceGroup/providers/Microsoft.Compute/virtualMachines/stdVM/instanceView")) {
                body = "{\"statuses\":[{\"code\":\"PowerState/deallocated\"}]}";
            } else if (path.startsWith("/subscriptions/22222222-")) {
                status = 409;
                body = "{\"error\":{\"code\":\"OperationNotAllowed\",\"message\":\"subscription is disabled\"}}";
            } else {
                status = 404;
                body = "{\"error\":{\"code\":\"SandboxUnsupported\",\"message\":\"" + path + " is not emulated\"}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-ms-request-id", "rid-" + calls.size());
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Test
    void jsonListsBothVmsWithGenerationAndSecurityType() throws Exception {
        CliRun r = CliRun.of("discover", "--endpoint", endpoint(), "--subscription", SUB, "--output", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode vms = JSON.readTree(r.out());
        assertEquals(3, vms.size(), r.out());
        JsonNode gen1 = vms.get(0);
        assertEquals("myVM", gen1.path("name").asText());
        assertEquals("myResourceGroup", gen1.path("resourceGroup").asText());
        assertEquals("West US", gen1.path("location").asText());
        assertEquals("Standard_DS3_v2", gen1.path("size").asText());
        assertEquals("V1", gen1.path("generation").asText(), "from the OS disk's hyperVGeneration");
        assertEquals("Standard", gen1.path("securityType").asText());
        JsonNode tl = vms.get(1);
        assertEquals("tlVM", tl.path("name").asText());
        assertEquals("V2", tl.path("generation").asText());
        assertEquals("TrustedLaunch", tl.path("securityType").asText());
        assertTrue(calls.contains("GET /subscriptions/" + SUB + "/resourceGroups/myResourceGroup/providers/Microsoft.Compute/disks/myOsDisk"));
        JsonNode standard = vms.get(2);
        assertEquals("stdVM", standard.path("name").asText());
        assertEquals("Standard", standard.path("securityType").asText(), "\"Standard\" is Standard, not Trusted Launch");
        assertEquals("UNKNOWN", standard.path("generation").asText(), "neither disk nor instance view says: unknown, never V1");
    }

    @Test
    void tableIsTheDefault() {
        CliRun r = CliRun.of("discover", "--endpoint", endpoint(), "--subscription", SUB);
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("NAME"), r.out());
        assertTrue(lines.get(1).matches("myVM +myResourceGroup +West US +Standard_DS3_v2 +V1 +Standard"), lines.get(1));
        assertEquals("3 VMs, 1 Generation 1, 1 of unknown generation", lines.get(lines.size() - 1));
    }

    @Test
    void armErrorIsOneLineWithCodeAndRequestId() {
        CliRun r = CliRun.of("discover", "--endpoint", endpoint(), "--subscription", "22222222-2222-2222-2222-222222222222");
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().matches("trustlift: error: OperationNotAllowed \\(HTTP 409, request rid-\\d+\\): subscription is disabled\\R"),
                r.err());
    }

    @Test
    void unreachableEndpointIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun r = CliRun.of("discover", "--endpoint", "http://127.0.0.1:" + port + "/", "--subscription", SUB);
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("trustlift: error: EndpointUnreachable: "), r.err());
    }

    @Test
    void missingSubscriptionIsAUsageError() {
        CliRun r = CliRun.of("discover", "--endpoint", endpoint());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--subscription"), r.err());
    }

    @Test
    void badEndpointAndCloudAreUsageErrors() {
        assertEquals(2, CliRun.of("discover", "--endpoint", "ftp://x/", "--subscription", SUB).exitCode());
        CliRun plain = CliRun.of("discover", "--endpoint", "http://arm.contoso.example/", "--subscription", SUB);
        assertEquals(2, plain.exitCode());
        assertEquals("trustlift: plain HTTP is only for loopback endpoints (localhost, 127.x.x.x, [::1]); use https:// for"
                + " 'http://arm.contoso.example/'", plain.err().lines().findFirst().orElse(""), plain.err());
        CliRun r = CliRun.of("discover", "--cloud", "AzureMoon", "--subscription", SUB);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown cloud 'AzureMoon'"), r.err());
    }
}
