package dev.trustlift.sandbox.state;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A restore point collection: its source VM and its restore points by name. */
public final class RestorePointCollectionRecord {
    private final String id;
    private final String name;
    private final String location;
    private final String sourceVmId;
    private final String collectionId;
    private final Map<String, RestorePointRecord> points = new ConcurrentHashMap<>();

    public RestorePointCollectionRecord(String id, String name, String location, String sourceVmId, String collectionId) {
        this.id = id;
        this.name = name;
        this.location = location;
        this.sourceVmId = sourceVmId;
        this.collectionId = collectionId;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String location() { return location; }
    public String sourceVmId() { return sourceVmId; }
    public String collectionId() { return collectionId; }

    public RestorePointRecord point(String name) {
        return points.get(name.toLowerCase(Locale.ROOT));
    }

    public void add(RestorePointRecord rp) {
        points.put(rp.name().toLowerCase(Locale.ROOT), rp);
    }

    public void remove(String name) {
        points.remove(name.toLowerCase(Locale.ROOT));
    }

    public Collection<RestorePointRecord> points() {
        return points.values();
    }
}
