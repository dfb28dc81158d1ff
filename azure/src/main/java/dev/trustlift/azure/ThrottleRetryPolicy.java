package dev.trustlift.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * ARM answers 429 while a token bucket refills. A fleet run that meets the floor ARM sets (a
 * principal's 10 writes a second, Compute's per-minute buckets) must slow down, not give up: with the
 * SDK's three retries an assessment of 1,000 VMs under the real buckets turned dozens of VMs UNKNOWN.
 * So 429s get their own budget here, waiting exactly what Retry-After says each time, while the
 * ordinary retry policy keeps its three tries for transient failures (and leaves 429 to this one).
 */
final class ThrottleRetryPolicy implements HttpPipelinePolicy {
    /** Attempts of one request while throttled, the first included. */
    static final int MAX_ATTEMPTS = 30;
    /** Total time one request may spend waiting for buckets; Compute's 30-minute windows can ask for minutes. */
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /**
     * A request whose context carries this key as {@code false} gets its 429 back at once: the
     * upgrade engine's one poller schedules throttled polls itself instead of blocking in one.
     */
    static final String WAIT_OUT = "trustlift-wait-out-throttling";
    private static final Duration NO_HEADER = Duration.ofSeconds(1);

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        if (!waitsOut(context)) {
            return next.process();
        }
        return attempt(next, 1, Duration.ZERO);
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        if (!waitsOut(context)) {
            return next.processSync();
        }
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            HttpResponse response = next.clone().processSync();
            if (response.getStatusCode() != 429 || attempt >= MAX_ATTEMPTS) {
                return response;
            }
            Duration wait = retryAfter(response);
            if (waited.plus(wait).compareTo(MAX_WAIT) > 0) {
                return response;
            }
            response.close();
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting out ARM's throttling", e);
            }
            waited = waited.plus(wait);
        }
    }

    private Mono<HttpResponse> attempt(HttpPipelineNextPolicy next, int attempt, Duration waited) {
        return next.clone().process().flatMap(response -> {
            if (response.getStatusCode() != 429 || attempt >= MAX_ATTEMPTS) {
                return Mono.just(response);
            }
            Duration wait = retryAfter(response);
            if (waited.plus(wait).compareTo(MAX_WAIT) > 0) {
                return Mono.just(response);
            }
            response.close();
            // boundedElastic, not delay's default parallel scheduler: callers further down this
            // chain may block (the synchronous adapter does), which parallel threads forbid.
            return Mono.delay(wait, Schedulers.boundedElastic()).then(attempt(next, attempt + 1, waited.plus(wait)));
        });
    }

    private static boolean waitsOut(HttpPipelineCallContext context) {
        return !Boolean.FALSE.equals(context.getData(WAIT_OUT).orElse(null));
    }

    /** What ARM asks for, or a second when it says nothing. */
    static Duration retryAfter(HttpResponse response) {
        return RetryAfter.read(response.getHeaders()).orElse(NO_HEADER);
    }
}
