package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.guest.DiskLayout;
import java.util.List;

/** A managed disk: ARM's properties plus the simulated layout it holds. Guarded by its own lock. */
public final class DiskRecord {
    private final String id;
    private final String subscription;
    private final String resourceGroup;
    private final String name;
    private final String location;
    private final List<String> zones;
    private final String osType;
    private final String encryption;
    private final String imageReference;
    private final String createOption;
    private final String sourceResourceId;
    private final String uniqueId;
    private final String timeCreated;
    private int sizeGb;
    private String hyperVGeneration;
    private String securityType;
    private String managedBy;
    private DiskLayout layout;
    private java.util.Map<String, String> tags = java.util.Map.of();

    public DiskRecord(String subscription, String resourceGroup, String name, String location, List<String> zones,
                      String osType, String encryption, String imageReference, String createOption, String sourceResourceId,
                      int sizeGb, String hyperVGeneration, DiskLayout layout, String uniqueId, String timeCreated) {
        this.subscription = subscription;
        this.resourceGroup = resourceGroup;
        this.name = name;
        this.location = location;
        this.zones = zones == null ? List.of() : List.copyOf(zones);
        this.osType = osType;
        this.encryption = encryption;
        this.imageReference = imageReference;
        this.createOption = createOption;
        this.sourceResourceId = sourceResourceId;
        this.sizeGb = sizeGb;
        this.hyperVGeneration = hyperVGeneration;
        this.layout = layout;
        this.uniqueId = uniqueId;
        this.timeCreated = timeCreated;
        this.id = "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/Microsoft.Compute/disks/" + name;
    }

    public String id() { return id; }
    public String subscription() { return subscription; }
    public String resourceGroup() { return resourceGroup; }
    public String name() { return name; }
    public String location() { return location; }
    public List<String> zones() { return zones; }
    public String osType() { return osType; }
    public String encryption() { return encryption; }
    public String imageReference() { return imageReference; }
    public String createOption() { return createOption; }
    public String sourceResourceId() { return sourceResourceId; }
    public String uniqueId() { return uniqueId; }
    public String timeCreated() { return timeCreated; }

    public synchronized int sizeGb() { return sizeGb; }
    public synchronized String hyperVGeneration() { return hyperVGeneration; }
    public synchronized String securityType() { return securityType; }
    public synchronized String managedBy() { return managedBy; }
    public synchronized DiskLayout layout() { return layout; }
    public synchronized java.util.Map<String, String> tags() { return tags; }

    /** ARM's tags of the disk: a PUT or PATCH that names them replaces them all. */
    public synchronized void setTags(java.util.Map<String, String> t) { this.tags = new java.util.LinkedHashMap<>(t); }

    public synchronized void setSizeGb(int gb) {
        long newSectors = (long) gb * 1024 * 1024 * 1024 / layout.sectorSize();
        this.layout = layout.withSectors(newSectors);
        this.sizeGb = gb;
    }

    public synchronized void setHyperVGeneration(String gen) { this.hyperVGeneration = gen; }
    public synchronized void setSecurityType(String type) { this.securityType = type; }
    public synchronized void setManagedBy(String vmId) { this.managedBy = vmId; }
    public synchronized void setLayout(DiskLayout layout) { this.layout = layout; }
}
