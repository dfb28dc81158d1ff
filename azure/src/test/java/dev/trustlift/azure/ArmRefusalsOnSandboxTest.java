package dev.trustlift.azure;

import static dev.trustlift.azure.OperationsOnSandboxTest.untilDone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ARM's refusals and lost answers the upgrade engine meets, through the real adapter's begin*
 * calls: the feature gate of a cloud that lags GA (register, then re-register the provider), a
 * 409 on start, and "applied" faults where the change happened but the answer was an error.
 */
class ArmRefusalsOnSandboxTest {
    static final String SUB = "99999999-9999-9999-9999-999999999999";
    static final String FEATURE = "Microsoft.Compute/Gen1ToTLMigrationPreview";
    static final VmRef GATED = new VmRef(SUB, "rg-app", "gated01");
    static final VmRef BUSY = new VmRef(SUB, "rg-app", "busy01");
    static final VmRef LOST = new VmRef(SUB, "rg-app", "lost01");
    static final VmRef LOST_TL = new VmRef(SUB, "rg-app", "losttl01");
    static final String FLEET = "{\"timeScale\": 0.001, \"subscriptions\": [{\"id\": \"" + SUB + "\", \"throttle\": \"none\","
            + " \"features\": {\"" + FEATURE + "\": \"NotRegistered\"}, \"requireFeature\": \"" + FEATURE + "\"}],"
            + " \"vms\": [" + vm("gated01", "") + ","
            + vm("busy01", ", \"faults\": [{\"op\": \"start\", \"times\": 1, \"status\": 409, \"code\": \"OperationNotAllowed\","
                    + " \"message\": \"Another operation on this or dependent resource is in progress.\"}]") + ","
            + vm("lost01", ", \"faults\": [{\"op\": \"start\", \"times\": 1, \"status\": 500, \"applied\": true}]") + ","
            + vm("losttl01", ", \"faults\": [{\"op\": \"set-security-type\", \"times\": 1, \"status\": 500, \"applied\": true}]")
            + "]}";

    private SandboxServer sandbox;
    private AzureCloudAdapter cloud;
    private SandboxHttp arm;

    private static String vm(String name, String extra) {
        return "{\"subscription\": \"" + SUB + "\", \"resourceGroup\": \"rg-app\", \"name\": \"" + name + "\","
                + " \"location\": \"eastus\", \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\","
                + " \"osName\": \"Windows Server 2022 Datacenter\", \"osVersion\": \"10.0.20348.2527\","
                + " \"powerState\": \"deallocated\"" + extra + "}";
    }

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(Fleet.parse(FLEET, "inline"), 0);
        cloud = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false).withPollInterval(Duration.ofMillis(20))));
        arm = new SandboxHttp(sandbox.endpoint());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode truth(VmRef vm) {
        return arm.get("/_sandbox/state?vm=" + vm.name()).json().at("/vms/0");
    }

    private long calls(String method, String pathEnd) {
        JsonNode calls = arm.get("/_sandbox/calls").json().path("calls");
        long n = 0;
        for (JsonNode c : calls) {
            if (c.path("method").asText().equals(method) && c.path("path").asText().endsWith(pathEnd)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theFeatureGateHoldsUntilTheFeatureIsRegisteredAndComputeIsRegisteredAgain() throws Exception {
        SecurityProfileChange tl = SecurityProfileChange.trustedLaunch(true);
        CloudException refused = assertThrows(CloudException.class, () -> cloud.beginSetSecurityProfile(GATED, tl));
        assertEquals(400, refused.httpStatus());
        assertEquals("SubscriptionNotRegisteredForFeature", refused.code());

        assertEquals(FeatureState.Registration.REGISTERING, cloud.registerFeature(SUB, FEATURE).state());
        for (int i = 0; i < 200 && !cloud.getFeature(SUB, FEATURE).registered(); i++) {
            Thread.sleep(20);
        }
        assertTrue(cloud.getFeature(SUB, FEATURE).registered());
        CloudException notPropagated = assertThrows(CloudException.class, () -> cloud.beginSetSecurityProfile(GATED, tl),
                "a registered feature reaches Compute only after the provider is registered again");
        assertEquals("SubscriptionNotRegisteredForFeature", notPropagated.code());

        cloud.registerResourceProvider(SUB, "Microsoft.Compute");
        Status end = null;
        for (int i = 0; i < 100 && end == null; i++) {
            try {
                end = untilDone(cloud, cloud.beginSetSecurityProfile(GATED, tl)).status();
            } catch (CloudException stillRegistering) {
                assertEquals("SubscriptionNotRegisteredForFeature", stillRegistering.code());
                Thread.sleep(20);
            }
        }
        assertEquals(Status.SUCCEEDED, end);
        assertEquals("TrustedLaunch", truth(GATED).path("securityType").asText());
    }

    @Test
    void aConflictOnStartIsRefusedOnceAndTheVmStaysDeallocatedUntilTheRetry() throws Exception {
        CloudException conflict = assertThrows(CloudException.class, () -> cloud.beginStart(BUSY));
        assertEquals(409, conflict.httpStatus());
        assertEquals("OperationNotAllowed", conflict.code());
        assertEquals(1, calls("POST", "/busy01/start"), "a 409 is not retried by the pipeline");
        assertEquals("deallocated", truth(BUSY).path("power").asText());
        assertEquals(Status.SUCCEEDED, untilDone(cloud, cloud.beginStart(BUSY)).status());
        assertEquals("running", truth(BUSY).path("power").asText());
    }

    private List<Integer> statuses(String method, String pathEnd) {
        List<Integer> out = new java.util.ArrayList<>();
        for (JsonNode c : arm.get("/_sandbox/calls").json().path("calls")) {
            if (c.path("method").asText().equals(method) && c.path("path").asText().endsWith(pathEnd)) {
                out.add(c.path("status").asInt());
            }
        }
        return out;
    }

    @Test
    void anAppliedFaultOnStartLosesTheAnswerAndThePipelinesRetryIsAcceptedWithoutASecondStart() throws Exception {
        // The first POST starts the VM and answers 500 (the lost answer); the pipeline retries the
        // 500 and ARM accepts a start of a VM that is already started. The caller sees one handle.
        var handle = cloud.beginStart(LOST);
        assertEquals(List.of(500, 202), statuses("POST", "/lost01/start"));
        assertEquals(Status.SUCCEEDED, untilDone(cloud, handle).status());
        assertEquals("running", truth(LOST).path("power").asText(), "the start was applied once");
        assertTrue(truth(LOST).at("/boot/booted").asBoolean());
    }

    @Test
    void anAppliedFaultOnTheSecurityProfileIsRetriedAndTheSameProfileIsAcceptedAgain() throws Exception {
        // the feature gate is not the point here: register it as a campaign would
        cloud.registerFeature(SUB, FEATURE);
        for (int i = 0; i < 200 && !cloud.getFeature(SUB, FEATURE).registered(); i++) {
            Thread.sleep(20);
        }
        cloud.registerResourceProvider(SUB, "Microsoft.Compute");
        Thread.sleep(200);
        var handle = cloud.beginSetSecurityProfile(LOST_TL, SecurityProfileChange.trustedLaunch(false));
        assertEquals(500, statuses("PATCH", "/losttl01").get(0), "the first answer was lost");
        assertEquals(2, statuses("PATCH", "/losttl01").size());
        assertEquals(Status.SUCCEEDED, untilDone(cloud, handle).status());
        JsonNode vm = truth(LOST_TL);
        assertEquals("TrustedLaunch", vm.path("securityType").asText());
        assertEquals(false, vm.path("secureBoot").asBoolean());
        assertEquals("V2", vm.at("/osDisk/hyperVGeneration").asText());
    }
}
