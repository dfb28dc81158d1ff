package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resource providers ({@code Providers_Register}, {@code Providers_Get}): every provider of the
 * fleet's subscriptions is Registered. A register call (what the upgrade does after registering a
 * feature, so the provider picks it up) makes it Registering until its scaled latency has passed,
 * then Registered again; at its end the features of its namespace registered before it started
 * apply (SubscriptionRecord.awaitingProvider). That a re-registration of a registered provider
 * passes through Registering is a guess (docs/sandbox.md).
 */
final class ProviderEndpoints {
    private final SandboxContext ctx;
    /** "subscription|namespace" (lower case) -> state; absent = Registered. */
    private final Map<String, String> states = new ConcurrentHashMap<>();

    ProviderEndpoints(SandboxContext ctx) {
        this.ctx = ctx;
    }

    private static String key(String subscription, String namespace) {
        return (subscription + "|" + namespace).toLowerCase(Locale.ROOT);
    }

    ArmResponse register(ArmRequest req) {
        String sub = ctx.state().subscription(req.param("s")).id();
        String ns = req.param("ns");
        String key = key(sub, ns);
        states.put(key, "Registering");
        var record = ctx.state().subscription(sub);
        java.util.List<String> features = record.propagatedBy(ns);
        ctx.operations().start(sub, "global", "provider-register", "provider-register", "/subscriptions/" + sub
                + "/providers/" + ns, false, () -> {
                    states.remove(key);
                    record.propagated(features);
                    return null;
                });
        return ArmResponse.ok(provider(sub, ns, "Registering"));
    }

    ArmResponse get(ArmRequest req) {
        String sub = ctx.state().subscription(req.param("s")).id();
        String ns = req.param("ns");
        return ArmResponse.ok(provider(sub, ns, states.getOrDefault(key(sub, ns), "Registered")));
    }

    private static ObjectNode provider(String subscription, String namespace, String state) {
        ObjectNode n = Json.object();
        n.put("id", "/subscriptions/" + subscription + "/providers/" + namespace);
        n.put("namespace", namespace);
        n.put("registrationState", state);
        n.put("registrationPolicy", "RegistrationRequired");
        n.putArray("resourceTypes");
        return n;
    }
}
