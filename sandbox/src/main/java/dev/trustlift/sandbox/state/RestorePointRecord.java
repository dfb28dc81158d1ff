package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.guest.DiskLayout;

/**
 * A VM restore point: the VM's model at the time and a disk restore point of its OS disk.
 * {@code provisioningState} moves from Creating to Succeeded when its operation ends.
 */
public final class RestorePointRecord {
    private final String id;
    private final String name;
    private final String vmId;
    private final String vmSize;
    private final String securityType;
    private final String osDiskId;
    private final String osDiskName;
    private final String osType;
    private final String hyperVGeneration;
    private final int sizeGb;
    private final DiskLayout layout;
    private final String timeCreated;
    private volatile String provisioningState = "Creating";

    public RestorePointRecord(String id, String name, String vmId, String vmSize, String securityType, String osDiskId,
                              String osDiskName, String osType, String hyperVGeneration, int sizeGb, DiskLayout layout,
                              String timeCreated) {
        this.id = id;
        this.name = name;
        this.vmId = vmId;
        this.vmSize = vmSize;
        this.securityType = securityType;
        this.osDiskId = osDiskId;
        this.osDiskName = osDiskName;
        this.osType = osType;
        this.hyperVGeneration = hyperVGeneration;
        this.sizeGb = sizeGb;
        this.layout = layout;
        this.timeCreated = timeCreated;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String vmId() { return vmId; }
    public String vmSize() { return vmSize; }
    public String securityType() { return securityType; }
    public String osDiskId() { return osDiskId; }
    public String osDiskName() { return osDiskName; }
    public String osType() { return osType; }
    public String hyperVGeneration() { return hyperVGeneration; }
    public int sizeGb() { return sizeGb; }
    public DiskLayout layout() { return layout; }
    public String timeCreated() { return timeCreated; }
    public String provisioningState() { return provisioningState; }
    public void setProvisioningState(String s) { this.provisioningState = s; }

    /** The id of the OS disk's disk restore point, used as creationData.sourceResourceId. */
    public String diskRestorePointId() {
        return id + "/diskRestorePoints/" + osDiskName + "_" + Integer.toHexString(osDiskId.hashCode());
    }
}
