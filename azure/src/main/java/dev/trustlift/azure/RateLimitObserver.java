package dev.trustlift.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.trustlift.core.cloud.RateLimits;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * Records the x-ms-ratelimit-remaining-* headers of every ARM answer, per subscription, so the
 * scheduler can slow down before ARM starts answering 429. Placed after the retry policy, so it
 * sees every attempt, throttled ones included.
 */
final class RateLimitObserver implements HttpPipelinePolicy {

    static final String READS = "x-ms-ratelimit-remaining-subscription-reads";
    static final String WRITES = "x-ms-ratelimit-remaining-subscription-writes";
    static final String RESOURCE = "x-ms-ratelimit-remaining-resource";
    private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)/subscriptions/([^/?]+)");

    private final Map<String, RateLimits> latest = new ConcurrentHashMap<>();
    private final Clock clock;

    RateLimitObserver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().doOnNext(this::record);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        HttpResponse response = next.processSync();
        record(response);
        return response;
    }

    RateLimits latest(String subscription) {
        return latest.getOrDefault(subscription.toLowerCase(java.util.Locale.ROOT), RateLimits.none(subscription));
    }

    void record(HttpResponse response) {
        Matcher m = SUBSCRIPTION.matcher(response.getRequest().getUrl().getPath());
        if (!m.find()) {
            return;
        }
        String subscription = m.group(1);
        Integer reads = intHeader(response, READS);
        Integer writes = intHeader(response, WRITES);
        Map<String, Integer> byPolicy = parseResourceHeader(response.getHeaderValue(RESOURCE));
        if (reads == null && writes == null && byPolicy.isEmpty()) {
            return;
        }
        latest.merge(subscription.toLowerCase(java.util.Locale.ROOT),
                new RateLimits(subscription, reads, writes, byPolicy, clock.instant()),
                (old, now) -> {
                    Map<String, Integer> merged = new LinkedHashMap<>(old.remainingByPolicy());
                    merged.putAll(now.remainingByPolicy());
                    return new RateLimits(subscription,
                            now.remainingReads() != null ? now.remainingReads() : old.remainingReads(),
                            now.remainingWrites() != null ? now.remainingWrites() : old.remainingWrites(),
                            merged, now.observedAt());
                });
    }

    /** "Microsoft.Compute/PutVM3Min;239,Microsoft.Compute/PutVM30Min;1199" -> two entries. */
    static Map<String, Integer> parseResourceHeader(String value) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String part : value.split(",")) {
            int semi = part.lastIndexOf(';');
            if (semi <= 0) {
                continue;
            }
            try {
                out.put(part.substring(0, semi).trim(), Integer.parseInt(part.substring(semi + 1).trim()));
            } catch (NumberFormatException ignored) {
                // A malformed counter must not fail the call it rode on.
            }
        }
        return out;
    }

    private static Integer intHeader(HttpResponse response, String name) {
        String value = response.getHeaderValue(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
