package dev.trustlift.sandbox.lro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.Json;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One long-running operation. Its effect runs exactly once, when its scaled latency has passed
 * (from a timer, or from the first poll after that moment, whichever comes first). The effect
 * returns the body served at the Location URL after success (run command result, disk, ...),
 * or throws ArmException to fail the operation with that error.
 */
public final class Operation {
    private final String id;
    private final String subscription;
    private final String location;
    private final String name;
    private final String resourceId;
    private final boolean diskOperation;
    private final Instant startTime;
    private final long dueNanos;
    private final Supplier<JsonNode> effect;
    private volatile String status = "InProgress";
    private Instant endTime;
    private long endNanos;
    private JsonNode result;
    private ArmException error;

    Operation(String id, String subscription, String location, String name, String resourceId, boolean diskOperation,
              long dueNanos, Supplier<JsonNode> effect) {
        this.id = id;
        this.subscription = subscription;
        this.location = location;
        this.name = name;
        this.resourceId = resourceId;
        this.diskOperation = diskOperation;
        this.startTime = Instant.now();
        this.dueNanos = dueNanos;
        this.effect = effect;
    }

    public String id() { return id; }
    public String subscription() { return subscription; }
    public String location() { return location; }
    public String name() { return name; }
    public String resourceId() { return resourceId; }

    /** Runs the effect if the operation is due and has not finished; safe to call from any thread. */
    public synchronized void settle() {
        if (!status.equals("InProgress") || System.nanoTime() < dueNanos) {
            return;
        }
        try {
            result = effect.get();
            status = "Succeeded";
        } catch (ArmException e) {
            error = e;
            status = "Failed";
        } catch (RuntimeException e) {
            error = new ArmException(500, "InternalExecutionError", "The sandbox failed running " + name + ": " + e);
            status = "Failed";
        }
        endTime = Instant.now();
        endNanos = System.nanoTime();
    }

    /** True when the operation ended more than {@code nanos} ago. */
    synchronized boolean endedBefore(long nanosAgo) {
        return !status.equals("InProgress") && System.nanoTime() - endNanos > nanosAgo;
    }

    public synchronized String status() {
        settle();
        return status;
    }

    public synchronized JsonNode result() {
        return result;
    }

    public synchronized ArmException error() {
        return error;
    }

    /** The async-operation status document. */
    public synchronized ObjectNode statusDocument() {
        settle();
        ObjectNode doc = Json.object();
        doc.put("id", path());
        doc.put("name", id);
        doc.put("status", status);
        doc.put("startTime", startTime.toString());
        if (endTime != null) {
            doc.put("endTime", endTime.toString());
        }
        doc.put("percentComplete", status.equals("InProgress") ? 50 : 100);
        if (status.equals("Succeeded") && result != null && name.equals("run-command")) {
            ObjectNode props = doc.putObject("properties");
            props.set("output", result);
        }
        if (error != null) {
            doc.set("error", error.error());
        }
        return doc;
    }

    /** The path of the status document (Azure-AsyncOperation), without query. */
    public String path() {
        return "/subscriptions/" + subscription + "/providers/Microsoft.Compute/locations/" + location
                + (diskOperation ? "/DiskOperations/" : "/operations/") + id;
    }
}
