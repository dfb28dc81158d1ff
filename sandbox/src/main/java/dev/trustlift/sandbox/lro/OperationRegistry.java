package dev.trustlift.sandbox.lro;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every long-running operation of one sandbox, by id. A timer settles each when due so state
 * changes show even when nobody polls; a poll after the due time settles it at once.
 */
public final class OperationRegistry implements AutoCloseable {
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final LatencyModel latency;
    /** Finished operations are forgotten after this long once there are many (pollers are long gone by then). */
    private static final long KEEP_NANOS = 600_000_000_000L;
    private static final int SWEEP_ABOVE = 20_000;
    private volatile long lastSweep = System.nanoTime();

    public OperationRegistry(LatencyModel latency) {
        this.latency = latency;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-operations");
            t.setDaemon(true);
            return t;
        });
    }

    public LatencyModel latency() {
        return latency;
    }

    /**
     * Starts an operation named after the contract's operation names ({@code latencyName}
     * decides its duration); the effect runs when it is due.
     */
    public Operation start(String subscription, String location, String name, String latencyName, String resourceId,
                           boolean diskOperation, Supplier<JsonNode> effect) {
        return startFor(subscription, location, name, latency.nanos(latencyName), resourceId, diskOperation, effect);
    }

    /** As {@link #start}, with a duration the request decides (already scaled, in nanoseconds). */
    public Operation startFor(String subscription, String location, String name, long delay, String resourceId,
                              boolean diskOperation, Supplier<JsonNode> effect) {
        Operation op = new Operation(UUID.randomUUID().toString(), subscription, location, name, resourceId, diskOperation,
                System.nanoTime() + delay, effect);
        operations.put(op.id(), op);
        sweep();
        if (delay <= 0) {
            op.settle();
        } else {
            timer.schedule(op::settle, delay, TimeUnit.NANOSECONDS);
        }
        return op;
    }

    private void sweep() {
        long now = System.nanoTime();
        if (operations.size() > SWEEP_ABOVE && now - lastSweep > 10_000_000_000L) {
            lastSweep = now;
            operations.values().removeIf(op -> op.endedBefore(KEEP_NANOS));
        }
    }

    public Operation find(String id) {
        return operations.get(id);
    }

    public int size() {
        return operations.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
