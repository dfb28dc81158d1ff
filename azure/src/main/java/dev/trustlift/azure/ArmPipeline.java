package dev.trustlift.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the one authenticated HTTP pipeline every manager and raw call of a process shares. The
 * credential is chosen here and nowhere else: azure-identity ({@link SignInCredential}) for Azure
 * and HTTPS endpoints, a fixed bearer header for a plain-HTTP loopback endpoint (a local emulator such as the sandbox).
 */
final class ArmPipeline {

    /** Retries of transient failures (connection errors, 408, 5xx); 429s are ThrottleRetryPolicy's. */
    static final int MAX_RETRIES = 3;

    private ArmPipeline() {
    }

    static AzureEnvironment environment(ConnectionSettings settings) {
        AzureEnvironment base = switch (settings.cloud()) {
            case AzureCloud -> AzureEnvironment.AZURE;
            case AzureChinaCloud -> AzureEnvironment.AZURE_CHINA;
            case AzureUSGovernment -> AzureEnvironment.AZURE_US_GOVERNMENT;
        };
        if (settings.endpoint() == null) {
            return base;
        }
        Map<String, String> endpoints = new HashMap<>(base.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", settings.endpoint().toString());
        return new AzureEnvironment(endpoints);
    }

    static HttpPipeline build(ConnectionSettings settings, AzureProfile profile, RateLimitObserver observer) {
        RetryOptions retryOptions = new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(MAX_RETRIES).setBaseDelay(settings.retryBaseDelay()))
                .setShouldRetryCondition(c -> !throttled(c) && !startsGuestScript(c) && SignInFailures.worthRetrying(c));
        RetryPolicy retry = new RetryPolicy(retryOptions);
        HttpLogOptions log = new HttpLogOptions()
                .setLogLevel(settings.verbose() ? HttpLogDetailLevel.BASIC : HttpLogDetailLevel.NONE);
        if (settings.signsIn()) {
            HttpClient http = TrustedCertificates.httpClient(settings.signIn().caCertificate());
            TokenCredential credential = SignInCredential.of(settings.signIn(),
                    profile.getEnvironment().getActiveDirectoryEndpoint(), http, retryOptions);
            return HttpPipelineProvider.buildHttpPipeline(credential, profile, null, log, null, retry,
                    List.of(new ThrottleRetryPolicy(), observer), http);
        }
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new UserAgentPolicy("trustlift"));
        policies.add(new RequestIdPolicy());
        policies.add(retry);
        policies.add(new AddDatePolicy());
        policies.add(new LoopbackBearerPolicy());
        policies.add(new ThrottleRetryPolicy());
        policies.add(observer);
        policies.add(new HttpLoggingPolicy(log));
        return new HttpPipelineBuilder()
                .httpClient(HttpClient.createDefault())
                .policies(policies.toArray(new HttpPipelinePolicy[0]))
                .build();
    }

    /**
     * A managed Run Command's PUT runs a guest script, and a script is not idempotent (MBR2GPT
     * /convert must never run twice): a 5xx may come after ARM accepted it, so the failure goes to
     * the step, which reads the run command back before it sends anything again.
     */
    private static boolean startsGuestScript(RequestRetryCondition condition) {
        com.azure.core.http.HttpResponse response = condition.getResponse();
        if (response == null || response.getRequest() == null) {
            return false;
        }
        com.azure.core.http.HttpRequest request = response.getRequest();
        return request.getHttpMethod() == com.azure.core.http.HttpMethod.PUT
                && request.getUrl().getPath().toLowerCase(java.util.Locale.ROOT).contains("/runcommands/");
    }

    private static boolean throttled(RequestRetryCondition condition) {
        return condition.getResponse() != null && condition.getResponse().getStatusCode() == 429;
    }
}
