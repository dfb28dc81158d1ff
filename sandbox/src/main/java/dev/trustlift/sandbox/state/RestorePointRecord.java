package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.guest.DiskLayout;

/**
 * A VM restore point: the VM's model at the time and a disk restore point of its OS disk (the
 * disk's generation, size and layout frozen). {@code provisioningState} moves from Creating to
 * Succeeded (or Failed) when its operation ends, and to Deleting while it is deleted.
 */
public final class RestorePointRecord {
    /** The OS disk as it was when the point was taken. */
    public record DiskImage(String id, String name, String uniqueId, String osType, String hyperVGeneration, int sizeGb,
                            String encryption, DiskLayout layout) {
    }

    private final String id;
    private final String name;
    private final String location;
    private final String vmId;
    private final String vmSize;
    private final String securityType;
    private final DiskImage disk;
    private final String consistencyMode;
    private final String timeCreated;
    private final long createdNanos;
    private volatile String provisioningState = "Creating";

    public RestorePointRecord(String id, String name, String location, String vmId, String vmSize, String securityType,
                              DiskImage disk, String consistencyMode, String timeCreated) {
        this.id = id;
        this.name = name;
        this.location = location;
        this.vmId = vmId;
        this.vmSize = vmSize;
        this.securityType = securityType;
        this.disk = disk;
        this.consistencyMode = consistencyMode;
        this.timeCreated = timeCreated;
        this.createdNanos = System.nanoTime();
    }

    public String id() { return id; }
    public String name() { return name; }
    public String location() { return location; }
    public String vmId() { return vmId; }
    public String vmSize() { return vmSize; }
    public String securityType() { return securityType; }
    public DiskImage disk() { return disk; }
    public String osDiskId() { return disk.id(); }
    public String osDiskName() { return disk.name(); }
    public String osDiskUniqueId() { return disk.uniqueId(); }
    public String osType() { return disk.osType(); }
    public String hyperVGeneration() { return disk.hyperVGeneration(); }
    public int sizeGb() { return disk.sizeGb(); }
    public DiskLayout layout() { return disk.layout(); }
    public String consistencyMode() { return consistencyMode; }
    public String timeCreated() { return timeCreated; }
    /** System.nanoTime() when the point was requested: Azure's minimum spacing is measured from it. */
    public long createdNanos() { return createdNanos; }
    public String provisioningState() { return provisioningState; }
    public void setProvisioningState(String s) { this.provisioningState = s; }

    /** The disk restore point's name: the disk's name and a per-point suffix, as Azure names them. */
    public String diskRestorePointName() {
        return disk.name() + "_" + Integer.toHexString((disk.id() + "|" + id).toLowerCase().hashCode());
    }

    /** The id of the OS disk's disk restore point, used as creationData.sourceResourceId. */
    public String diskRestorePointId() {
        return id + "/diskRestorePoints/" + diskRestorePointName();
    }
}
