package dev.trustlift.core.cloud;

import java.util.List;

/**
 * Everything trustlift asks of the cloud, in plain domain types. The Azure SDK lives behind it
 * (module azure), so rules, steps and the scheduler are tested with fakes and the same code runs
 * against Azure or the sandbox.
 *
 * <p>Every method is synchronous: long-running ARM operations are polled to completion inside the
 * adapter. Every failure is a {@link CloudException}; "not found" is an exception, never null,
 * because an unknown VM is bad input that must stop the run (DESIGN safety rule 4).
 */
public interface Cloud {

    /** Lists VMs through ARM's paged list calls: exact, but one call per page per subscription. */
    List<Vm> listVms(CloudScope scope);

    /**
     * Lists VMs through Azure Resource Graph: one query covers many subscriptions, so this is the
     * path for large scopes. Resource Graph lags ARM by seconds to minutes, so steps re-read a VM
     * with {@link #getVm} before changing it.
     */
    List<Vm> queryVms(CloudScope scope);

    Vm getVm(VmRef vm);

    InstanceView getInstanceView(VmRef vm);

    /** Reads a managed disk by ARM id (the OS disk's id comes from {@link Vm#osDisk()}). */
    OsDisk getDisk(String diskId);

    List<Extension> listExtensions(VmRef vm);

    /** The VM sizes offered in a location, with capabilities and the subscription's restrictions. */
    List<ResourceSku> listSkus(String subscription, String location);

    /** @param feature "Namespace/Name", e.g. "Microsoft.Compute/Gen1ToTLMigrationPreview" */
    FeatureState getFeature(String subscription, String feature);

    /** Starts registration and returns the state ARM reports now (usually REGISTERING). */
    FeatureState registerFeature(String subscription, String feature);

    BackupProtection getBackupProtection(VmRef vm, String location);

    /**
     * Every replication protected item (Azure Site Recovery) of every Recovery Services vault in the
     * subscription: one listing answers for all its VMs, matched by {@link ReplicationProtectedItem#protectedVmId()}.
     */
    List<ReplicationProtectedItem> listReplicationProtectedItems(String subscription);

    /** Locks that apply to the VM: on the VM itself and on its resource group. */
    List<ResourceLock> findLocks(VmRef vm);

    /**
     * Every lock in a resource group: on the group itself and on any resource in it (VMs, disks),
     * in one listing. Assessing many VMs reads this once per group instead of once per VM.
     */
    List<ResourceLock> listResourceGroupLocks(String subscription, String resourceGroup);

    /**
     * Runs a script in the guest and waits up to the script's timeout. A non-zero exit code is a
     * result, not an exception; the exception is for "could not run it at all".
     */
    ScriptResult runScript(VmRef vm, GuestScript script);

    /**
     * Creates (or reuses) a restore point collection beside the VM and a crash-consistent restore
     * point in it covering all the VM's disks.
     */
    RestorePoint createRestorePoint(VmRef vm, String collectionName, String pointName);

    /** An incremental snapshot of a managed disk, in the disk's resource group and location. */
    Snapshot createIncrementalSnapshot(String diskId, String snapshotName);

    /**
     * Creates a managed disk beside the VM (its resource group and location) from a snapshot, a
     * disk or a disk restore point: rollback builds the old OS disk this way, then swaps it in.
     */
    OsDisk createDisk(VmRef vm, String sourceId, String diskName);

    /** Grows a managed disk (the VM must be deallocated, or the disk eligible for live resize). */
    OsDisk growDisk(String diskId, int newSizeGb);

    /** Points the VM at another managed OS disk (rollback); the VM must be deallocated. */
    Vm swapOsDisk(VmRef vm, String diskId);

    void deallocate(VmRef vm);

    void start(VmRef vm);

    /** PATCHes securityProfile; the VM must be deallocated. Returns the VM as ARM reports it afterwards. */
    Vm setSecurityProfile(VmRef vm, SecurityProfileChange change);

    /** The latest throttling headers seen for the subscription, for the scheduler. */
    RateLimits rateLimits(String subscription);
}
