package dev.trustlift.azure;

import static dev.trustlift.azure.AdapterReadTest.MY_VM;
import static dev.trustlift.azure.AdapterReadTest.VM_PATH;
import static dev.trustlift.azure.FakeArm.SUB;
import static dev.trustlift.azure.FakeArm.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.azure.FakeArm.Answer;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.RateLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ARM's throttling: a burst beyond a token bucket gets 429 + Retry-After, the adapter's retries
 * wait as told and succeed, and never send more requests than the bucket allows.
 */
class ThrottlingTest extends AdapterOnFakeArm {

    /** A token bucket like ARM's: {@code size} tokens, one more every {@code refill}. */
    static final class Bucket {
        final int size;
        final long refillNanos;
        double tokens;
        long last = System.nanoTime();
        final List<Long> accepted = new ArrayList<>();
        final List<Long> rejected = new ArrayList<>();

        Bucket(int size, Duration refill) {
            this.size = size;
            this.refillNanos = refill.toNanos();
            this.tokens = size;
        }

        synchronized boolean take(long now) {
            tokens = Math.min(size, tokens + (double) (now - last) / refillNanos);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                accepted.add(now);
                return true;
            }
            rejected.add(now);
            return false;
        }
    }

    static String throttledBody() {
        return "{\"error\":{\"code\":\"OperationNotAllowed\",\"message\":\"The server rejected the request because too many "
                + "requests have been received for this subscription.\",\"details\":[{\"code\":\"TooManyRequests\","
                + "\"target\":\"LowCostGet3Min\",\"message\":\"{\\\"operationGroup\\\":\\\"LowCostGet3Min\\\"}\"}]}}";
    }

    @Test
    void burstBeyondTheBucketIsRetriedAfterRetryAfterAndSucceeds() {
        Bucket bucket = new Bucket(3, Duration.ofSeconds(1));
        arm.on("GET", VM_PATH, call -> bucket.take(call.atNanos())
                ? Answer.json(200, example("VirtualMachine_Get.json", 200))
                        .with("x-ms-ratelimit-remaining-subscription-reads", String.valueOf((int) bucket.tokens))
                : Answer.json(429, throttledBody()).with("Retry-After", "1"));
        for (int i = 0; i < 5; i++) {
            assertEquals("myVM", cloud.getVm(MY_VM).ref().name());
        }
        assertEquals(5, bucket.accepted.size());
        assertEquals(2, bucket.rejected.size(), "the 4th and 5th call each hit an empty bucket once");
        List<FakeArm.Call> calls = arm.calls();
        assertEquals(7, calls.size(), "each throttled call was retried exactly once");
        // Each retry came no sooner than Retry-After after its 429.
        for (long rejectedAt : bucket.rejected) {
            long next = calls.stream().mapToLong(FakeArm.Call::atNanos).filter(t -> t > rejectedAt).min().orElseThrow();
            long waitedMs = (next - rejectedAt) / 1_000_000;
            assertTrue(waitedMs >= 950, "retried after " + waitedMs + " ms, Retry-After was 1 s");
        }
    }

    @Test
    void throttlingLongerThanTheTransientRetriesIsWaitedOut() {
        // Six 429s in a row: more than the three retries transient failures get, as a busy
        // subscription's write bucket gives a fleet run. The call waits each one out and succeeds.
        int[] seen = {0};
        arm.on("GET", VM_PATH, call -> ++seen[0] <= 6
                ? Answer.json(429, throttledBody()).with("retry-after-ms", "30")
                : Answer.json(200, example("VirtualMachine_Get.json", 200)));
        assertEquals("myVM", cloud.getVm(MY_VM).ref().name());
        assertEquals(7, arm.count("GET", VM_PATH));
    }

    @Test
    void persistentThrottlingEndsAsThrottledCloudExceptionAfterItsBudget() {
        arm.on("GET", VM_PATH, Answer.json(429, throttledBody()).with("retry-after-ms", "20")
                .with("x-ms-request-id", "rid-429"));
        CloudException e = assertThrows(CloudException.class, () -> cloud.getVm(MY_VM));
        assertTrue(e.isThrottled());
        assertEquals(429, e.httpStatus());
        assertEquals("OperationNotAllowed", e.code());
        assertEquals("rid-429", e.requestId());
        assertEquals(30, arm.count("GET", VM_PATH), "30 attempts while throttled (docs/azure.md), not more");
    }

    @Test
    void aTransientFailureStillGetsThreeRetries() {
        arm.on("GET", VM_PATH, Answer.json(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"busy\"}}")
                .with("Retry-After", "0"));
        assertThrows(CloudException.class, () -> cloud.getVm(MY_VM));
        assertEquals(4, arm.count("GET", VM_PATH), "the first try and three retries");
    }

    @Test
    void remainingRequestHeadersAreExposedPerSubscription() {
        assertNull(cloud.rateLimits("22222222-2222-2222-2222-222222222222").remainingReads());
        arm.on("GET", VM_PATH, Answer.json(200, example("VirtualMachine_Get.json", 200))
                .with("x-ms-ratelimit-remaining-subscription-reads", "11999")
                .with("x-ms-ratelimit-remaining-resource",
                        "Microsoft.Compute/LowCostGet3Min;3989,Microsoft.Compute/LowCostGet30Min;31990"));
        cloud.getVm(MY_VM);
        RateLimits limits = cloud.rateLimits(SUB);
        assertEquals(11999, limits.remainingReads());
        assertEquals(Map.of("Microsoft.Compute/LowCostGet3Min", 3989, "Microsoft.Compute/LowCostGet30Min", 31990),
                limits.remainingByPolicy());
        assertTrue(limits.observedAt() != null);
    }
}
