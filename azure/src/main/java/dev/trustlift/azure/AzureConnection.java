package dev.trustlift.azure;

import com.azure.core.http.HttpPipeline;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resources.ResourceManager;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One authenticated pipeline and the SDK managers built on it. Managers are bound to one
 * subscription, so they are made on first use per subscription and kept; the first one costs
 * seconds (SDK class initialisation), later ones milliseconds. {@link #shared} keeps one
 * connection per distinct settings for the whole process.
 */
public final class AzureConnection {

    private static final Map<ConnectionSettings, AzureConnection> SHARED = new ConcurrentHashMap<>();

    private final ConnectionSettings settings;
    private final AzureEnvironment environment;
    private final HttpPipeline pipeline;
    private final RateLimitObserver rateLimits;
    private final Map<String, ComputeManager> compute = new ConcurrentHashMap<>();
    private final Map<String, ResourceManager> resources = new ConcurrentHashMap<>();
    private volatile ResourceGraphManager graph;

    private AzureConnection(ConnectionSettings settings) {
        SdkLogging.configure(settings.verbose());
        this.settings = settings;
        this.environment = ArmPipeline.environment(settings);
        this.rateLimits = new RateLimitObserver(Clock.systemUTC());
        this.pipeline = ArmPipeline.build(settings, profile(null), rateLimits);
    }

    /** A new connection; prefer {@link #shared} outside tests. */
    public static AzureConnection open(ConnectionSettings settings) {
        return new AzureConnection(settings);
    }

    public static AzureConnection shared(ConnectionSettings settings) {
        return SHARED.computeIfAbsent(settings, AzureConnection::new);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Base URL of ARM for raw calls, always ending in "/". */
    String resourceManagerEndpoint() {
        String url = environment.getResourceManagerEndpoint();
        return url.endsWith("/") ? url : url + "/";
    }

    HttpPipeline pipeline() {
        return pipeline;
    }

    RateLimitObserver rateLimits() {
        return rateLimits;
    }

    ComputeManager compute(String subscription) {
        return compute.computeIfAbsent(key(subscription),
                k -> ComputeManager.authenticate(pipeline, profile(subscription)));
    }

    ResourceManager resources(String subscription) {
        return resources.computeIfAbsent(key(subscription),
                k -> ResourceManager.authenticate(pipeline, profile(subscription)).withSubscription(subscription));
    }

    ResourceGraphManager graph() {
        ResourceGraphManager g = graph;
        if (g == null) {
            synchronized (this) {
                if (graph == null) {
                    graph = ResourceGraphManager.authenticate(pipeline, profile(null));
                }
                g = graph;
            }
        }
        return g;
    }

    private AzureProfile profile(String subscription) {
        return new AzureProfile(System.getenv("AZURE_TENANT_ID"), subscription, environment);
    }

    private static String key(String subscription) {
        return subscription.toLowerCase(Locale.ROOT);
    }
}
