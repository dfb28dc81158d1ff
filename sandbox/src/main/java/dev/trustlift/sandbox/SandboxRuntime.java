package dev.trustlift.sandbox;

import dev.trustlift.sandbox.arm.ArmRoutes;
import dev.trustlift.sandbox.arm.SandboxContext;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.ThrottleSpec;
import dev.trustlift.sandbox.http.Route;
import dev.trustlift.sandbox.lro.LatencyModel;
import dev.trustlift.sandbox.lro.OperationRegistry;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.CallLog;
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.throttle.Throttler;
import java.nio.file.Path;
import java.util.List;

/** One generation of sandbox state; {@code POST /_sandbox/reset} replaces it with a fresh one from the same fleet. */
final class SandboxRuntime implements AutoCloseable {
    private static final int CALL_LOG_SIZE = 100_000;

    final SandboxContext context;
    final List<Route> routes;
    final Throttler tenantThrottler;
    final CallLog calls = new CallLog(CALL_LOG_SIZE);
    final long startedNanos = System.nanoTime();

    SandboxRuntime(Fleet fleet, Path baseDir, int pageSize, String endpoint) {
        ArmState state = new ArmState(fleet, baseDir);
        this.context = new SandboxContext(state, new OperationRegistry(new LatencyModel(fleet.effectiveTimeScale())));
        this.context.endpoint(endpoint);
        this.routes = ArmRoutes.build(context, pageSize);
        this.tenantThrottler = new Throttler(ThrottleSpec.AZURE, "tenant");
        finishRegistrations(state);
    }

    /** A feature the fleet lists as Registering completes like one registered now. */
    private void finishRegistrations(ArmState state) {
        for (SubscriptionRecord sub : state.subscriptions()) {
            sub.features().forEach((name, value) -> {
                if (value.equals("Registering")) {
                    context.operations().start(sub.id(), "global", "feature-register", "feature-register", name, false, () -> {
                        sub.setFeatureState(name, "Registered");
                        return null;
                    });
                }
            });
        }
    }

    @Override
    public void close() {
        context.operations().close();
    }
}
