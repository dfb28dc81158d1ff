package dev.trustlift.azure;

import static dev.trustlift.azure.AdapterReadTest.MY_VM;
import static dev.trustlift.azure.AdapterReadTest.VM_PATH;
import static dev.trustlift.azure.FakeArm.SUB;
import static dev.trustlift.azure.FakeArm.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.azure.FakeArm.Answer;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationHandle.Polling;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.SecurityProfileChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The handle's side of ARM's protocol that the sandbox cannot be made to show: exact request
 * bodies, a PATCH answered without an async header, Location polling with a moved URL, a poll
 * a throttled poll (InProgress with Retry-After, no waiting), and a handle naming another host.
 */
class OperationHandleOnFakeArmTest extends AdapterOnFakeArm {

    static final String OPS = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/locations/westus/operations/";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theSecurityProfilePatchCarriesOnlyTheSecurityProfile() throws Exception {
        arm.on("PATCH", VM_PATH, Answer.json(200, example("VirtualMachine_Get.json", 200)
                .replace("\"Succeeded\"", "\"Updating\""))
                .with("Azure-AsyncOperation", "{base}" + OPS + "op-tl?api-version=2024-11-01")
                .with("x-ms-request-id", "req-tl"));
        OperationHandle h = cloud.beginSetSecurityProfile(MY_VM, SecurityProfileChange.trustedLaunch(false));
        JsonNode sent = JSON.readTree(arm.calls().get(0).body());
        assertEquals(JSON.readTree("{\"properties\":{\"securityProfile\":{\"uefiSettings\":{\"secureBootEnabled\":false,"
                + "\"vTpmEnabled\":true},\"securityType\":\"TrustedLaunch\"}}}"), sent);
        assertEquals(1, arm.calls().size(), "begin sends one request and does not poll: " + arm.calls());
        assertEquals(Polling.ASYNC_OPERATION, h.polling());
        assertEquals(arm.endpoint() + OPS.substring(1) + "op-tl?api-version=2024-11-01", h.pollUrl());
        assertEquals("req-tl", h.requestId());
        assertEquals(OperationKind.SET_SECURITY_PROFILE, h.kind());
    }

    @Test
    void aPatchWithoutAsyncHeaderEndsThroughProvisioningState() {
        String updating = example("VirtualMachine_Get.json", 200).replace("\"Succeeded\"", "\"Updating\"");
        arm.on("PATCH", VM_PATH, Answer.json(200, updating));
        OperationHandle h = cloud.beginSetSecurityProfile(MY_VM, SecurityProfileChange.trustedLaunch(true));
        assertEquals(Polling.PROVISIONING_STATE, h.polling());
        assertTrue(h.pollUrl().contains(VM_PATH.substring(1)) && h.pollUrl().contains("api-version="), h.pollUrl());
        AtomicInteger gets = new AtomicInteger();
        arm.on("GET", VM_PATH, call -> Answer.json(200, gets.incrementAndGet() == 1 ? updating
                : example("VirtualMachine_Get.json", 200)));
        assertEquals(Status.IN_PROGRESS, cloud.pollOperation(h).status());
        assertEquals(Status.SUCCEEDED, cloud.pollOperation(h).status());
    }

    @Test
    void locationPollingFollowsAMovedUrlAndReadsAFailureFromTheErrorAnswer() {
        OperationHandle h = new OperationHandle(OperationKind.RESTORE_DISK, "/disk", Polling.LOCATION,
                arm.endpoint() + OPS.substring(1) + "first?api-version=2024-03-02", "r0", Instant.now());
        arm.on("GET", OPS + "first", new Answer(202, Map.of("Location", "{base}" + OPS + "second?api-version=2024-03-02",
                "Retry-After", "7"), null));
        arm.on("GET", OPS + "second", Answer.json(409, FakeArm.error("OperationNotAllowed", "disk is busy")));
        OperationState first = cloud.pollOperation(h);
        assertEquals(Status.IN_PROGRESS, first.status());
        assertEquals(Duration.ofSeconds(7), first.retryAfter());
        assertTrue(first.next().pollUrl().contains("/second?"), first.next().pollUrl());
        OperationState second = cloud.pollOperation(first.next());
        assertEquals(Status.FAILED, second.status());
        assertEquals("OperationNotAllowed", second.errorCode());
        assertEquals("disk is busy", second.errorMessage());
    }

    @Test
    void aThrottledPollComesBackInProgressWithRetryAfterAndWaitsForNothing() {
        OperationHandle h = new OperationHandle(OperationKind.START, MY_VM.id(), Polling.ASYNC_OPERATION,
                arm.endpoint() + OPS.substring(1) + "busy?api-version=2024-11-01", "r0", Instant.now());
        arm.on("GET", OPS + "busy", Answer.json(429, FakeArm.error("TooManyRequests", "slow down"))
                .with("retry-after-ms", "1500"));
        long t0 = System.nanoTime();
        OperationState state = cloud.pollOperation(h);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(OperationState.Status.IN_PROGRESS, state.status(), "throttling is not the operation's failure");
        assertEquals(Duration.ofMillis(1500), state.retryAfter());
        assertEquals(h, state.next(), "the same handle is polled again");
        assertEquals(1, arm.count("GET", OPS + "busy"), "no retry inside the poll: the engine's poller decides");
        assertTrue(tookMs < 1500, "the poll did not wait out Retry-After itself (" + tookMs + " ms)");
    }

    @Test
    void aHandleNamingAnotherHostIsNotPolledSoTheTokenStaysWithArm() {
        OperationHandle h = new OperationHandle(OperationKind.START, MY_VM.id(), Polling.ASYNC_OPERATION,
                "http://198.51.100.7/steal?api-version=2024-11-01", "r0", Instant.now());
        CloudException e = assertThrows(CloudException.class, () -> cloud.pollOperation(h));
        assertEquals("UntrustedOperationUrl", e.code());
        assertTrue(arm.calls().isEmpty());
    }

    @Test
    void aManagedRunCommandSendsItsParametersApartFromTheScript() throws Exception {
        String rc = VM_PATH + "/runCommands/trustlift";
        arm.on("PUT", rc, Answer.json(201, "{\"name\":\"trustlift\",\"properties\":{\"provisioningState\":\"Creating\"}}")
                .with("Azure-AsyncOperation", "{base}" + OPS + "op-rc?api-version=2024-11-01"));
        ManagedRunCommand command = new ManagedRunCommand("trustlift", List.of("param($DiskNumber)", "Write-Output $DiskNumber"),
                List.of(new ManagedRunCommand.Parameter("DiskNumber", "0")),
                List.of(new ManagedRunCommand.Parameter("Secret", "hunter2")), Duration.ofMinutes(2));
        OperationHandle h = cloud.beginRunCommand(MY_VM, "westus", command);
        assertEquals(Polling.ASYNC_OPERATION, h.polling());
        JsonNode sent = JSON.readTree(arm.calls().get(0).body());
        assertEquals("westus", sent.path("location").asText());
        JsonNode p = sent.path("properties");
        assertEquals("param($DiskNumber)\nWrite-Output $DiskNumber", p.at("/source/script").asText());
        assertEquals(JSON.readTree("[{\"name\":\"DiskNumber\",\"value\":\"0\"}]"), p.path("parameters"));
        assertEquals(JSON.readTree("[{\"name\":\"Secret\",\"value\":\"hunter2\"}]"), p.path("protectedParameters"));
        assertEquals(120, p.path("timeoutInSeconds").asInt());
        assertFalse(p.path("asyncExecution").asBoolean(true));
        assertFalse(p.path("treatFailureAsDeploymentFailure").asBoolean(true));
        assertFalse(command.toString().contains("hunter2"), command.toString());
    }

    @Test
    void aSynchronousAnswerIsACompletedHandleThatNeedsNoPoll() {
        arm.on("DELETE", VM_PATH + "/runCommands/trustlift", Answer.json(204, null));
        OperationHandle h = cloud.beginDeleteRunCommand(MY_VM, "trustlift");
        assertEquals(Polling.COMPLETED, h.polling());
        assertNull(h.pollUrl());
        assertTrue(cloud.pollOperation(h).succeeded());
        assertEquals(1, arm.calls().size());
    }

    @Test
    void aRestartIsOnePostWhoseAsyncOperationIsPolledToItsEnd() {
        arm.on("POST", VM_PATH + "/restart", new Answer(202, Map.of(
                "Azure-AsyncOperation", "{base}" + OPS + "op-restart?api-version=2024-11-01",
                "Location", "{base}" + OPS + "op-restart-loc?api-version=2024-11-01", "x-ms-request-id", "req-restart"), null));
        OperationHandle h = cloud.beginRestart(MY_VM);
        assertEquals(1, arm.calls().size(), "begin sends one request and does not poll: " + arm.calls());
        assertEquals("POST", arm.calls().get(0).method());
        assertEquals(OperationKind.RESTART, h.kind());
        assertEquals(MY_VM.id(), h.resourceId());
        assertEquals(Polling.ASYNC_OPERATION, h.polling(), "Azure-AsyncOperation wins over Location");
        assertTrue(h.pollUrl().contains("/op-restart?"), h.pollUrl());
        assertEquals("req-restart", h.requestId());
        AtomicInteger polls = new AtomicInteger();
        arm.on("GET", OPS + "op-restart", call -> Answer.json(200, polls.incrementAndGet() == 1
                ? "{\"status\":\"InProgress\"}" : "{\"status\":\"Succeeded\"}"));
        assertEquals(Status.IN_PROGRESS, cloud.pollOperation(h).status());
        assertEquals(Status.SUCCEEDED, cloud.pollOperation(h).status());
    }

    @Test
    void aRestartRefusedByALockIsTheLocksError() {
        arm.on("POST", VM_PATH + "/restart", Answer.json(409, FakeArm.error("ScopeLocked", "The scope is locked")));
        CloudException e = assertThrows(CloudException.class, () -> cloud.beginRestart(MY_VM));
        assertEquals("ScopeLocked", e.code());
        assertEquals(409, e.httpStatus());
        assertEquals(1, arm.count("POST", VM_PATH + "/restart"), "a lock's refusal is not retried: " + arm.calls());
    }

    @Test
    void aGuestScriptsPutAnswered500IsNotSentAgainByThePipeline() {
        String rc = VM_PATH + "/runCommands/trustlift";
        arm.on("PUT", rc, Answer.json(500, FakeArm.error("InternalServerError", "the answer was lost")));
        ManagedRunCommand command = new ManagedRunCommand("trustlift", List.of("MBR2GPT /convert /disk:0 /allowFullOS"),
                List.of(), List.of(), Duration.ofMinutes(2));
        CloudException e = assertThrows(CloudException.class, () -> cloud.beginRunCommand(MY_VM, "westus", command));
        assertEquals(500, e.httpStatus());
        assertEquals(1, arm.count("PUT", rc), "a script may have started: the step reads the run command back instead");
        arm.on("POST", VM_PATH + "/deallocate", Answer.json(500, FakeArm.error("InternalServerError", "again")));
        assertThrows(CloudException.class, () -> cloud.beginDeallocate(MY_VM));
        assertTrue(arm.count("POST", VM_PATH + "/deallocate") > 1, "an idempotent call is still retried by the pipeline");
    }
}
