package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.Fleet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 202 -> InProgress -> Succeeded with the state change at the end, as ARM's pollers see it. */
class LongRunningOperationTest {
    private SandboxServer server;
    private ArmClient arm;

    /** 0.05 makes a deallocate take 3 s, long enough to see it in progress even on a busy machine. */
    private void start(double timeScale) throws Exception {
        String text = Fleets.text("rules.json").replace("\"timeScale\": 0.001", "\"timeScale\": " + timeScale);
        server = SandboxServer.start(Fleet.parse(text, "rules.json"), 0);
        arm = new ArmClient(server.endpoint());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String power(String name) {
        return arm.get("/_sandbox/state?vm=" + name).json().at("/vms/0/power").asText();
    }

    @Test
    void deallocateIsAcceptedThenInProgressThenSucceeded() throws Exception {
        start(0.05);
        ArmClient.Answer a = arm.send("POST", vm("rg-app", "web01") + "/deallocate?" + API, null);
        assertEquals(202, a.status());
        String async = a.header("Azure-AsyncOperation");
        String location = a.header("Location");
        assertNotNull(async);
        assertTrue(async.startsWith(server.endpoint() + "subscriptions/" + ArmClient.SUB
                + "/providers/Microsoft.Compute/locations/eastus/operations/"), async);
        assertTrue(location.contains("monitor=true"), location);
        assertTrue(Long.parseLong(a.header("Retry-After")) >= 1);
        assertEquals(500, Long.parseLong(a.header("retry-after-ms")), "10 s scaled by 0.05");

        JsonNode first = arm.get(async).json();
        assertEquals("InProgress", first.path("status").asText());
        assertEquals("deallocating", power("web01"));
        assertEquals("PowerState/deallocating",
                arm.get(vm("rg-app", "web01") + "/instanceView?" + API).json().at("/statuses/1/code").asText());
        assertEquals(202, arm.get(location).status(), "the Location URL answers 202 while running");

        JsonNode done = arm.await(async);
        assertEquals("Succeeded", done.path("status").asText());
        assertTrue(done.has("startTime") && done.has("endTime"));
        assertEquals("deallocated", power("web01"));
        assertEquals(200, arm.get(location).status());

        ArmClient.Answer start = arm.send("POST", vm("rg-app", "web01") + "/start?" + API, null);
        assertEquals(202, start.status());
        assertEquals("starting", power("web01"));
        assertEquals("Succeeded", arm.await(start.header("Azure-AsyncOperation")).path("status").asText());
        assertEquals("running", power("web01"));
        JsonNode iv = arm.get(vm("rg-app", "web01") + "/instanceView?" + API).json();
        assertEquals(2, iv.path("statuses").size(), "provisioning and power state only: Azure has no boot status");
        assertEquals("Ready", iv.at("/vmAgent/statuses/0/displayStatus").asText());
        String log = arm.text(iv.at("/bootDiagnostics/serialConsoleLogBlobUri").asText()).body();
        assertTrue(log.contains("SAC started and initialized"), log);
    }

    @Test
    void patchAnswers200UpdatingWithAsyncHeaderThenSucceeded() throws Exception {
        start(0.01);
        ArmClient.Answer a = arm.send("PATCH", vm("rg-app", "web01") + "?" + API, "{\"tags\":{\"owner\":\"ops\"}}");
        assertEquals(200, a.status());
        assertEquals("Updating", a.json().at("/properties/provisioningState").asText());
        assertEquals("ops", a.json().at("/tags/owner").asText());
        assertEquals("Succeeded", arm.await(a.header("Azure-AsyncOperation")).path("status").asText());
        assertEquals("Succeeded", arm.get(vm("rg-app", "web01") + "?" + API).json().at("/properties/provisioningState").asText());
    }

    @Test
    void secondChangeWhileOneRunsIsRefused() throws Exception {
        start(0.05);
        assertEquals(202, arm.send("POST", vm("rg-app", "web01") + "/deallocate?" + API, null).status());
        ArmClient.Answer again = arm.send("POST", vm("rg-app", "web01") + "/start?" + API, null);
        assertEquals(409, again.status());
        assertEquals("OperationNotAllowed", again.json().at("/error/code").asText());
    }

    @Test
    void stateChangesWithoutPollingOnceTheLatencyHasPassed() throws Exception {
        start(0.005);
        arm.send("POST", vm("rg-app", "web01") + "/deallocate?" + API, null);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!power("web01").equals("deallocated") && System.currentTimeMillis() < deadline) {
            ArmClient.sleep(50);
        }
        assertEquals("deallocated", power("web01"));
    }

    @Test
    void resetBringsBackTheFleetAsLoaded() throws Exception {
        start(0.001);
        arm.await(arm.send("POST", vm("rg-app", "web01") + "/deallocate?" + API, null).header("Azure-AsyncOperation"));
        assertEquals("deallocated", power("web01"));
        ArmClient.Answer reset = arm.send("POST", "/_sandbox/reset", null);
        assertEquals(200, reset.status());
        assertEquals("running", power("web01"));
        JsonNode calls = arm.get("/_sandbox/calls").json();
        assertTrue(calls.path("total").asLong() <= 2, calls.toString());
    }

    @Test
    void unknownOperationIs404() throws Exception {
        start(0.001);
        ArmClient.Answer a = arm.get("/subscriptions/" + ArmClient.SUB
                + "/providers/Microsoft.Compute/locations/eastus/operations/nope?" + API);
        assertEquals(404, a.status());
    }
}
