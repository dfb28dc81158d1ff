package dev.trustlift.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Mono;

/**
 * Sends a fixed bearer header to a plain-HTTP loopback endpoint, the only plain-HTTP endpoint
 * {@link ConnectionSettings} accepts. The SDK's token policies refuse http:// before sending
 * anything, and a local emulator without TLS has no sign-in to offer, yet its requests must still
 * look like ARM requests (ARM rejects calls without Authorization). Nothing leaves the machine.
 */
final class LoopbackBearerPolicy implements HttpPipelinePolicy {

    static final String TOKEN = "Bearer trustlift-sandbox";

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        context.getHttpRequest().setHeader(com.azure.core.http.HttpHeaderName.AUTHORIZATION, TOKEN);
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        context.getHttpRequest().setHeader(com.azure.core.http.HttpHeaderName.AUTHORIZATION, TOKEN);
        return next.processSync();
    }
}
