package dev.trustlift.core.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything trustlift asks of the cloud, in plain domain types. The Azure SDK lives behind it
 * (module azure), so rules, steps and the scheduler are tested with fakes and the same code runs
 * against Azure or the sandbox.
 *
 * <p>Most methods are synchronous: their long-running ARM operations are polled to completion
 * inside the adapter (assess and discover use them). The upgrade engine instead uses the
 * {@code begin*} methods: each sends the one request that starts an operation and returns its
 * {@link OperationHandle} at once; the engine journals the handle and its single poller calls
 * {@link #pollOperation} when it chooses, so a resumed process re-attaches to an accepted
 * operation instead of starting it again. Every failure is a {@link CloudException}; "not found" is an exception, never null,
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

    // ---- Long-running operations by URL (the upgrade engine) ----

    /** Sends POST deallocate and returns at once. */
    OperationHandle beginDeallocate(VmRef vm);

    /** Sends POST start and returns at once. */
    OperationHandle beginStart(VmRef vm);

    /**
     * Sends POST restart and returns at once: the guest reboots (a post-fix such as
     * drive-letter-fix.ps1 needs a reboot between its phases); the VM must be running.
     */
    OperationHandle beginRestart(VmRef vm);

    /**
     * PATCHes {@code securityProfile} and nothing else (a PUT of a model read earlier could undo a
     * change made since); the VM must be deallocated.
     */
    OperationHandle beginSetSecurityProfile(VmRef vm, SecurityProfileChange change);

    /**
     * Creates the restore point collection beside the VM, or returns the existing one (ARM's PUT
     * of a collection is synchronous and idempotent). Returns the collection's id.
     */
    String ensureRestorePointCollection(VmRef vm, String location, String collectionName);

    /** Creates a restore point of all the VM's disks in the VM's resource group's collection. */
    OperationHandle beginCreateRestorePoint(VmRef vm, String collectionName, String pointName, ConsistencyMode mode);

    /**
     * The restore point with its instance view (replication per disk), or empty when the collection
     * or the point does not exist: resume reuses a point instead of creating a second one.
     */
    Optional<RestorePoint> findRestorePoint(VmRef vm, String collectionName, String pointName);

    /**
     * Creates a managed disk beside the VM from a disk restore point ({@code createOption: Restore}),
     * with the given tags; the disk keeps the generation and contents of the disk it was taken from.
     */
    OperationHandle beginRestoreDisk(VmRef vm, String location, String diskRestorePointId, String diskName,
                                     Map<String, String> tags);

    /** Points the VM at another managed OS disk; the VM must be deallocated. */
    OperationHandle beginSwapOsDisk(VmRef vm, String diskId);

    /** Adds {@code tags} to the disk's tags (existing tags are kept; a tag of the same name is replaced). */
    OperationHandle beginTagDisk(String diskId, Map<String, String> tags);

    /** Creates or replaces (re-PUTs) a managed Run Command on the VM, which runs its script. */
    OperationHandle beginRunCommand(VmRef vm, String location, ManagedRunCommand command);

    /** A managed Run Command with its instance view, or empty when the VM has none of that name. */
    Optional<RunCommandView> findRunCommand(VmRef vm, String name);

    OperationHandle beginDeleteRunCommand(VmRef vm, String name);

    /**
     * Polls an operation once, never sleeping, whichever process started it: one GET through the
     * authenticated pipeline (its retry policy still waits out a 429's Retry-After). A failure to
     * poll (not the operation's failure, which is a {@link OperationState.Status#FAILED} state) is
     * a {@link CloudException}.
     */
    OperationState pollOperation(OperationHandle handle);

    // ---- Reads and small writes the upgrade needs ----

    /**
     * The serial console log of the VM's last boot (managed boot diagnostics): a VM that does not
     * boot shows no error in ARM, only here.
     */
    String readSerialConsoleLog(VmRef vm);

    /**
     * Re-registers a resource provider (after a feature registration, so the provider picks it up)
     * and returns the state ARM reports now.
     */
    FeatureState.Registration registerResourceProvider(String subscription, String namespace);
}
