package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ARM's and Compute's token buckets, made small through the fleet's throttle object. */
class ThrottlingTest {
    private static SandboxServer serve(String throttle) throws Exception {
        return SandboxServer.start(Fleets.rulesWith("\"throttle\": \"azure\"", "\"throttle\": " + throttle), 0);
    }

    @Test
    void burstOfReadsGets429WithRetryAfterThenTheBucketRefills() throws Exception {
        try (SandboxServer s = serve("{\"reads\": {\"size\": 3, \"refillPerSecond\": 2}}")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String url = vm("rg-app", "web01") + "?" + API;
            assertEquals("2", arm.get(url).header("x-ms-ratelimit-remaining-subscription-reads"));
            assertEquals(200, arm.get(url).status());
            ArmClient.Answer throttled = null;
            for (int i = 0; i < 10 && throttled == null; i++) {
                ArmClient.Answer a = arm.get(url);
                if (a.status() == 429) {
                    throttled = a;
                }
            }
            assertTrue(throttled != null, "a burst beyond the bucket is refused");
            assertEquals("SubscriptionRequestsThrottled", throttled.json().at("/error/code").asText());
            assertTrue(Long.parseLong(throttled.header("Retry-After")) >= 1);
            assertEquals("0", throttled.header("x-ms-ratelimit-remaining-subscription-reads"));
            assertNotNull(throttled.header("x-ms-request-id"));
            ArmClient.sleep(1100);
            assertEquals(200, arm.get(url).status(), "two tokens are back after 1.1 s at 2/s");
        }
    }

    @Test
    void computeUpdateBucketRefusesWithComputesBody() throws Exception {
        try (SandboxServer s = serve("{\"updateVm\": {\"size\": 2, \"refillPerSecond\": 0.2}}")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String url = vm("rg-app", "bk02") + "?" + API;
            ArmClient.Answer first = arm.send("PATCH", url, "{\"tags\":{\"a\":\"1\"}}");
            assertEquals(200, first.status());
            assertTrue(first.header("x-ms-ratelimit-remaining-resource").startsWith("Microsoft.Compute/UpdateVM3Min;1,"),
                    first.header("x-ms-ratelimit-remaining-resource"));
            assertNotNull(first.header("x-ms-ratelimit-remaining-subscription-writes"));
            arm.await(first.header("Azure-AsyncOperation"));
            ArmClient.Answer second = arm.send("POST", vm("rg-app", "bk02") + "/runCommand?" + API,
                    "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"Get-Disk | ConvertTo-Json\"]}");
            assertEquals(202, second.status());
            ArmClient.Answer third = arm.send("PATCH", url, "{\"tags\":{\"a\":\"2\"}}");
            assertEquals(429, third.status());
            assertEquals("OperationNotAllowed", third.json().at("/error/code").asText());
            assertEquals("TooManyRequests", third.json().at("/error/details/0/code").asText());
            assertEquals("UpdateVM3Min", third.json().at("/error/details/0/target").asText());
            assertTrue(third.json().at("/error/message").asText().contains("too many requests"));
            long retryAfter = Long.parseLong(third.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 5, "one token every 5 s, not " + retryAfter);
            ArmClient.sleep(1000 * retryAfter + 100);
            assertEquals(200, arm.send("PATCH", url, "{\"tags\":{\"a\":\"3\"}}").status());
        }
    }

    @Test
    void computeBucketsAreKeptPerRegion() throws Exception {
        try (SandboxServer s = serve("{\"updateVm\": {\"size\": 1, \"refillPerSecond\": 0.01}}")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String tags = "{\"tags\":{\"a\":\"1\"}}";
            assertEquals(200, arm.send("PATCH", vm("rg-app", "bk02") + "?" + API, tags).status(), "eastus");
            assertEquals(200, arm.send("PATCH", vm("rg-linux", "lin01") + "?" + API, tags).status(), "westeurope has its own");
            assertEquals(429, arm.send("PATCH", vm("rg-app", "agent01") + "?" + API, tags).status(), "eastus is empty");
        }
    }

    @Test
    void perVmBucketOfAzureLimitsTwelveUpdatesAVm() throws Exception {
        try (SandboxServer s = serve("\"azure\"")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String url = vm("rg-app", "bk02") + "?" + API;
            int ok = 0;
            ArmClient.Answer last = null;
            for (int i = 0; i < 13; i++) {
                last = arm.send("PATCH", url, "{\"tags\":{\"i\":\"" + i + "\"}}");
                if (last.status() == 200) {
                    ok++;
                    arm.await(last.header("Azure-AsyncOperation"));
                }
            }
            assertEquals(12, ok, "Compute's per-VM Update VM bucket holds 12 tokens");
            assertEquals(429, last.status());
            long retryAfter = Long.parseLong(last.header("Retry-After"));
            assertTrue(retryAfter >= 13 && retryAfter <= 15, "4 tokens a minute: one every 15 s, not " + retryAfter);
        }
    }

    @Test
    void throttleNoneCountsButNeverRefuses() throws Exception {
        try (SandboxServer s = serve("\"none\"")) {
            ArmClient arm = new ArmClient(s.endpoint());
            String url = vm("rg-app", "web01") + "/instanceView?" + API;
            ArmClient.Answer a = null;
            for (int i = 0; i < 300; i++) {
                a = arm.get(url);
                assertEquals(200, a.status());
            }
            assertTrue(Long.parseLong(a.header("x-ms-ratelimit-remaining-subscription-reads")) < 250,
                    "the bucket counts the calls");
        }
    }
}
