package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.azure.FakeArm.Answer;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * From Compute api-version 2025-11-01 ARM returns {@code securityType: "Standard"} for a VM
 * without a security type. The SDK (2.52.0) still asks for 2024-11-01, so the fake ARM in front
 * of the sandbox forwards every call with the api-version rewritten, as a newer client would ask:
 * the adapter must read absent, null and "Standard" alike, and never mistake "Standard" for
 * Trusted Launch (as the official script does).
 */
class StandardSecurityTypeReadTest extends AdapterOnFakeArm {
    static final String SUB = FakeArm.SUB;
    static final String NEW_API = "2025-11-01";
    static final VmRef PLAIN = new VmRef(SUB, "rg-app", "plain01");
    static final VmRef TRUSTED = new VmRef(SUB, "rg-app", "tl01");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String FLEET = "{\"timeScale\": 0, \"subscriptions\": [{\"id\": \"" + SUB + "\", \"throttle\": \"none\"}],"
            + " \"vms\": ["
            + "{\"subscription\": \"" + SUB + "\", \"resourceGroup\": \"rg-app\", \"name\": \"plain01\", \"location\": \"eastus\","
            + " \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\"},"
            + "{\"subscription\": \"" + SUB + "\", \"resourceGroup\": \"rg-app\", \"name\": \"tl01\", \"location\": \"eastus\","
            + " \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\", \"securityType\": \"TrustedLaunch\"}]}";

    static SandboxServer sandbox;

    @BeforeAll
    static void startSandbox() throws IOException {
        sandbox = SandboxServer.start(Fleet.parse(FLEET, "inline"), 0);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** The sandbox's answer to the same call at another api-version. */
    static Answer forwarded(FakeArm.Call call, String apiVersion) {
        String query = call.query() == null ? "" : call.query().replaceAll("api-version=[^&]*", "api-version=" + apiVersion);
        URI uri = URI.create(sandbox.endpoint() + call.path().substring(1) + "?" + query);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer test").build(),
                    HttpResponse.BodyHandlers.ofString());
            return Answer.json(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void forwardAt(String apiVersion) {
        arm.on("GET", "/subscriptions/.*", call -> forwarded(call, apiVersion));
    }

    @Test
    void standardFromTheNewerApiVersionIsStandard() throws Exception {
        forwardAt(NEW_API);
        Vm vm = cloud.getVm(PLAIN);
        assertEquals(SecurityType.STANDARD, vm.securityType());
        assertFalse(vm.secureBootEnabled() || vm.vTpmEnabled());
        ObjectNode seen = (ObjectNode) JSON.readTree(forwarded(new FakeArm.Call("GET", PLAIN.id(), "api-version=x", null, 0),
                NEW_API).body());
        assertEquals("Standard", seen.at("/properties/securityProfile/securityType").asText(),
                "the sandbox answered in the 2025-11-01 shape");
        assertTrue(arm.calls().stream().anyMatch(c -> c.query().contains("api-version=2024-11-01")),
                "the SDK itself asked for its own api-version: " + arm.calls());
    }

    @Test
    void listedVmsReadTheSameAtBothApiVersions() {
        for (String api : List.of("2024-11-01", NEW_API)) {
            arm.reset();
            forwardAt(api);
            Map<String, SecurityType> types = cloud.listVms(CloudScope.of(List.of(SUB), null)).stream()
                    .collect(Collectors.toMap(v -> v.ref().name(), Vm::securityType));
            assertEquals(Map.of("plain01", SecurityType.STANDARD, "tl01", SecurityType.TRUSTED_LAUNCH), types, api);
        }
    }

    @Test
    void absentAndNullAreStandardToo() throws Exception {
        forwardAt("2024-11-01");
        assertEquals(SecurityType.STANDARD, cloud.getVm(PLAIN).securityType(), "absent");
        ObjectNode body = (ObjectNode) JSON.readTree(forwarded(new FakeArm.Call("GET", PLAIN.id(), "api-version=x", null, 0),
                NEW_API).body());
        ((ObjectNode) body.at("/properties/securityProfile")).putNull("securityType");
        arm.on("GET", PLAIN.id(), Answer.json(200, body.toString()));
        assertEquals(SecurityType.STANDARD, cloud.getVm(PLAIN).securityType(), "null");
    }

    @Test
    void trustedLaunchStaysTrustedLaunch() {
        forwardAt(NEW_API);
        Vm vm = cloud.getVm(TRUSTED);
        assertEquals(SecurityType.TRUSTED_LAUNCH, vm.securityType());
        assertTrue(vm.secureBootEnabled() && vm.vTpmEnabled());
    }
}
