package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** api-version rules, error shapes, headers, unsupported paths, and the VM read model. */
class ArmBasicsTest {
    @RegisterExtension
    static final RulesSandbox sandbox = new RulesSandbox();

    @Test
    void endpointIsLoopbackWithAnEphemeralPort() {
        assertTrue(sandbox.server().endpoint().matches("http://127\\.0\\.0\\.1:\\d+/"), sandbox.server().endpoint());
        assertTrue(sandbox.server().port() > 0);
        assertEquals(200, sandbox.arm().get("/_sandbox/state").status());
    }

    @Test
    void missingApiVersionIsArmsError() {
        ArmClient.Answer a = sandbox.arm().get(vm("rg-app", "web01"));
        assertEquals(400, a.status());
        assertEquals("MissingApiVersionParameter", a.json().path("error").path("code").asText());
        assertFalse(a.json().path("error").path("message").asText().isEmpty());
        assertNotNull(a.header("x-ms-request-id"));
    }

    @Test
    void anyWellFormedApiVersionIsAcceptedAndMalformedRefused() {
        assertEquals(200, sandbox.arm().get(vm("rg-app", "web01") + "?api-version=2099-01-01-preview").status());
        assertEquals(200, sandbox.arm().get(vm("rg-app", "web01") + "?api-version=2023-03-01").status());
        ArmClient.Answer bad = sandbox.arm().get(vm("rg-app", "web01") + "?api-version=latest");
        assertEquals(400, bad.status());
        assertEquals("InvalidApiVersionParameter", bad.json().path("error").path("code").asText());
    }

    @Test
    void unknownPathsAreLoud404s() {
        ArmClient.Answer a = sandbox.arm().get("/subscriptions/" + SUB + "/providers/Microsoft.Network/virtualNetworks?" + API);
        assertEquals(404, a.status());
        assertEquals("SandboxUnsupported", a.json().path("error").path("code").asText());
        assertTrue(a.json().path("error").path("message").asText().contains("is not emulated"));
    }

    @Test
    void malformedBodiesAndUnemulatedMethodsAreRefused() {
        ArmClient.Answer bad = sandbox.arm().send("PATCH", vm("rg-app", "web01") + "?" + API, "{not json");
        assertEquals(400, bad.status());
        assertEquals("InvalidRequestContent", bad.json().at("/error/code").asText());
        ArmClient.Answer delete = sandbox.arm().send("DELETE", vm("rg-app", "web01") + "?" + API, null);
        assertEquals(404, delete.status());
        assertEquals("SandboxUnsupported", delete.json().at("/error/code").asText());
        assertTrue(delete.json().at("/error/message").asText().startsWith("DELETE /subscriptions/"));
    }

    @Test
    void unknownVmIsResourceNotFound() {
        ArmClient.Answer a = sandbox.arm().get(vm("rg-app", "nope") + "?" + API);
        assertEquals(404, a.status());
        assertEquals("ResourceNotFound", a.json().path("error").path("code").asText());
    }

    @Test
    void everyAnswerCarriesRequestIdsAndRateLimitHeaders() {
        ArmClient.Answer a = sandbox.arm().get(vm("rg-app", "web01") + "?" + API);
        assertEquals(200, a.status());
        assertNotNull(a.header("x-ms-request-id"));
        assertNotNull(a.header("x-ms-correlation-request-id"));
        assertTrue(Long.parseLong(a.header("x-ms-ratelimit-remaining-subscription-reads")) > 0);
        assertTrue(a.header("x-ms-ratelimit-remaining-resource").matches(
                "Microsoft\\.Compute/LowCostGet3Min;\\d+,Microsoft\\.Compute/LowCostGet30Min;\\d+"),
                a.header("x-ms-ratelimit-remaining-resource"));
        ArmClient.Answer err = sandbox.arm().get(vm("rg-app", "nope"));
        assertNotNull(err.header("x-ms-ratelimit-remaining-tenant-reads"));
    }

    @Test
    void vmModelHasTheShapeTheSdkReads() {
        JsonNode vm = sandbox.arm().get(vm("rg-app", "web01") + "?" + API).json();
        assertEquals("web01", vm.path("name").asText());
        assertEquals("Microsoft.Compute/virtualMachines", vm.path("type").asText());
        assertEquals("Standard_D2s_v3", vm.at("/properties/hardwareProfile/vmSize").asText());
        assertEquals("/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/web01-os",
                vm.at("/properties/storageProfile/osDisk/managedDisk/id").asText());
        assertEquals("Windows", vm.at("/properties/storageProfile/osDisk/osType").asText());
        assertEquals("Succeeded", vm.at("/properties/provisioningState").asText());
        assertEquals("web", vm.at("/tags/app").asText());
        assertEquals("1", vm.at("/zones/0").asText());
        assertTrue(vm.at("/properties/securityProfile").isMissingNode(), "a Standard VM has no securityProfile");
        assertTrue(vm.at("/properties/instanceView").isMissingNode());
        JsonNode expanded = sandbox.arm().get(vm("rg-app", "web01") + "?" + API + "&$expand=instanceView").json();
        assertEquals("V1", expanded.at("/properties/instanceView/hyperVGeneration").asText());
    }

    @Test
    void instanceViewReportsPowerAgentAndOs() {
        JsonNode iv = sandbox.arm().get(vm("rg-app", "web01") + "/instanceView?" + API).json();
        assertEquals("Windows Server 2019 Datacenter", iv.path("osName").asText());
        assertEquals("V1", iv.path("hyperVGeneration").asText());
        assertEquals("Ready", iv.at("/vmAgent/statuses/0/displayStatus").asText());
        assertEquals("ProvisioningState/succeeded", iv.at("/statuses/0/code").asText());
        assertEquals("PowerState/running", iv.at("/statuses/1/code").asText());
        JsonNode dealloc = sandbox.arm().get(vm("rg-app", "web02") + "/instanceView?" + API).json();
        assertEquals("PowerState/deallocated", dealloc.at("/statuses/1/code").asText());
        assertTrue(dealloc.path("vmAgent").isMissingNode());
        assertTrue(dealloc.path("osName").isMissingNode());
        JsonNode notReady = sandbox.arm().get(vm("rg-app", "agent01") + "/instanceView?" + API).json();
        assertEquals("Not Ready", notReady.at("/vmAgent/statuses/0/displayStatus").asText());
    }

    @Test
    void callLogRecordsMethodPathStatusAndAuthorization() {
        sandbox.arm().get(vm("rg-app", "old01") + "?" + API);
        JsonNode calls = sandbox.arm().get("/_sandbox/calls").json();
        boolean found = false;
        for (JsonNode c : calls.path("calls")) {
            if (c.path("path").asText().endsWith("/virtualMachines/old01")) {
                found = true;
                assertEquals("GET", c.path("method").asText());
                assertEquals(200, c.path("status").asInt());
                assertTrue(c.path("authorization").asBoolean());
                assertEquals(API, c.path("query").asText());
            }
        }
        assertTrue(found, "the call log lists the GET of old01");
    }
}
