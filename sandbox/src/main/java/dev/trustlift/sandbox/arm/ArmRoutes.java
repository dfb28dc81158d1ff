package dev.trustlift.sandbox.arm;

import static dev.trustlift.sandbox.http.RequestClass.ArmBucket.DELETES;
import static dev.trustlift.sandbox.http.RequestClass.ArmBucket.READS;
import static dev.trustlift.sandbox.http.RequestClass.ArmBucket.WRITES;

import dev.trustlift.sandbox.http.RequestClass;
import dev.trustlift.sandbox.http.Route;
import java.util.ArrayList;
import java.util.List;

/** The ARM subset the sandbox serves (docs/arm-subset.md), each with its throttling class. */
public final class ArmRoutes {
    static final String SUB = "subscriptions/{s}";
    static final String RG = SUB + "/resourceGroups/{rg}";
    static final String VM = RG + "/providers/Microsoft.Compute/virtualMachines/{vm}";
    static final String DISK = RG + "/providers/Microsoft.Compute/disks/{d}";
    static final String SNAPSHOT = RG + "/providers/Microsoft.Compute/snapshots/{snap}";
    static final String RPC = RG + "/providers/Microsoft.Compute/restorePointCollections/{c}";
    static final String FEATURE = SUB + "/providers/Microsoft.Features/providers/{ns}/features/{f}";

    private ArmRoutes() {
    }

    public static List<Route> build(SandboxContext ctx, int pageSize) {
        VmReads reads = new VmReads(ctx, pageSize);
        VmUpdates updates = new VmUpdates(ctx);
        VmActions actions = new VmActions(ctx);
        OperationStatus operations = new OperationStatus(ctx);
        DiskEndpoints disks = new DiskEndpoints(ctx);
        RestorePoints restorePoints = new RestorePoints(ctx);
        PlatformEndpoints platform = new PlatformEndpoints(ctx);
        ResourceGraph graph = new ResourceGraph(ctx);
        ManagedRunCommands runCommands = new ManagedRunCommands(ctx);
        SiteRecoveryEndpoints siteRecovery = new SiteRecoveryEndpoints(ctx);
        ProviderEndpoints providers = new ProviderEndpoints(ctx);
        List<Route> r = new ArrayList<>();
        r.add(new Route("GET", VM, compute(READS, "LowCostGet", true, "get-vm"), reads::get));
        r.add(new Route("PATCH", VM, compute(WRITES, "UpdateVM", true, "update-vm"), updates::patch));
        // Compute meters a VM PUT as Put VM (create or update), a PATCH as Update VM.
        r.add(new Route("PUT", VM, compute(WRITES, "PutVM", true, "update-vm"), updates::put));
        r.add(new Route("GET", VM + "/instanceView", compute(READS, "LowCostGet", true, "instance-view"), reads::instanceView));
        r.add(new Route("POST", VM + "/retrieveBootDiagnosticsData", RequestClass.write(null),
                reads::retrieveBootDiagnosticsData));
        r.add(new Route("GET", VM + "/extensions", compute(READS, "LowCostGet", true, null), reads::extensions));
        r.add(new Route("POST", VM + "/deallocate", compute(WRITES, "DeleteVM", true, "deallocate"), actions::deallocate));
        r.add(new Route("POST", VM + "/start", compute(WRITES, "UpdateVM", true, "start"), actions::start));
        r.add(new Route("POST", VM + "/restart", compute(WRITES, "UpdateVM", true, "restart"), actions::restart));
        r.add(new Route("POST", VM + "/runCommand", compute(WRITES, "UpdateVM", true, "run-command"), actions::runCommand));
        r.add(new Route("PUT", VM + "/runCommands/{rc}", compute(WRITES, "UpdateVM", true, "run-command"), runCommands::put));
        r.add(new Route("GET", VM + "/runCommands/{rc}", compute(READS, "LowCostGet", true, null), runCommands::get));
        r.add(new Route("GET", VM + "/runCommands", compute(READS, "LowCostGet", true, null), runCommands::list));
        r.add(new Route("DELETE", VM + "/runCommands/{rc}", compute(DELETES, "UpdateVM", true, null), runCommands::delete));
        r.add(new Route("GET", VM + "/providers/Microsoft.Authorization/locks", RequestClass.read(null), reads::vmLocks));
        r.add(new Route("GET", RG + "/providers/Microsoft.Authorization/locks", RequestClass.read(null), reads::resourceGroupLocks));
        r.add(new Route("GET", SUB + "/providers/Microsoft.Authorization/locks", RequestClass.read(null), reads::subscriptionLocks));
        r.add(new Route("GET", DISK + "/providers/Microsoft.Authorization/locks", RequestClass.read(null), reads::diskLocks));
        r.add(new Route("GET", SUB + "/providers/Microsoft.Compute/virtualMachines",
                compute(READS, "HighCostGet", false, "list-vms"), reads::listInSubscription));
        r.add(new Route("GET", RG + "/providers/Microsoft.Compute/virtualMachines",
                compute(READS, "HighCostGet", false, "list-vms"), reads::listInResourceGroup));
        r.add(new Route("GET", SUB + "/providers/Microsoft.Compute/locations/{loc}/operations/{id}",
                compute(READS, "GetOperation", false, null), operations::get));
        r.add(new Route("GET", SUB + "/providers/Microsoft.Compute/locations/{loc}/DiskOperations/{id}",
                compute(READS, "GetOperation", false, null), operations::get));
        r.add(new Route("GET", DISK, RequestClass.read("get-disk"), disks::get));
        r.add(new Route("PATCH", DISK, compute(WRITES, "CreateUpdateDisks", false, "disk-update"), disks::patch));
        r.add(new Route("PUT", DISK, compute(WRITES, "CreateUpdateDisks", false, "disk-create"), disks::put));
        r.add(new Route("GET", SNAPSHOT, RequestClass.read(null), disks::getSnapshot));
        r.add(new Route("PUT", SNAPSHOT, compute(WRITES, "CreateUpdateDisks", false, "snapshot"), disks::putSnapshot));
        r.add(new Route("GET", RPC, RequestClass.read(null), restorePoints::getCollection));
        r.add(new Route("PUT", RPC, RequestClass.write(null), restorePoints::putCollection));
        r.add(new Route("GET", RPC + "/restorePoints/{rp}", RequestClass.read(null), restorePoints::getPoint));
        r.add(new Route("PUT", RPC + "/restorePoints/{rp}", RequestClass.write("restore-point"), restorePoints::putPoint));
        r.add(new Route("DELETE", RPC + "/restorePoints/{rp}", RequestClass.delete(null), restorePoints::deletePoint));
        r.add(new Route("DELETE", RPC, RequestClass.delete(null), restorePoints::deleteCollection));
        r.add(new Route("GET", RPC + "/restorePoints/{rp}/diskRestorePoints", RequestClass.read(null),
                restorePoints::listDiskRestorePoints));
        r.add(new Route("GET", RPC + "/restorePoints/{rp}/diskRestorePoints/{drp}", RequestClass.read(null),
                restorePoints::getDiskRestorePoint));
        r.add(new Route("GET", FEATURE, RequestClass.read(null), platform::getFeature));
        r.add(new Route("POST", FEATURE + "/register", RequestClass.write("feature-register"), platform::registerFeature));
        r.add(new Route("POST", SUB + "/providers/{ns}/register", RequestClass.write(null), providers::register));
        r.add(new Route("GET", SUB + "/providers/{ns}", RequestClass.read(null), providers::get));
        r.add(new Route("GET", SUB + "/providers/Microsoft.Compute/skus", RequestClass.read("skus"), platform::skus));
        r.add(new Route("POST", SUB + "/providers/Microsoft.RecoveryServices/locations/{loc}/backupStatus",
                RequestClass.write("backup-status"), platform::backupStatus));
        r.add(new Route("GET", RG + "/providers/Microsoft.RecoveryServices/vaults/{v}/backupPolicies/{p}",
                RequestClass.read(null), platform::backupPolicy));
        r.add(new Route("GET", SUB + "/providers/Microsoft.RecoveryServices/vaults", RequestClass.read(null),
                siteRecovery::listVaults));
        r.add(new Route("GET", RG + "/providers/Microsoft.RecoveryServices/vaults/{v}/replicationProtectedItems",
                RequestClass.read(null), siteRecovery::listProtectedItems));
        r.add(new Route("GET", "subscriptions", RequestClass.read(null), platform::listSubscriptions));
        r.add(new Route("GET", SUB, RequestClass.read(null), platform::getSubscription));
        r.add(new Route("POST", "providers/Microsoft.ResourceGraph/resources", RequestClass.read(null), graph::query));
        return r;
    }

    private static RequestClass compute(RequestClass.ArmBucket bucket, String policy, boolean perResource, String fault) {
        return RequestClass.compute(bucket, policy, perResource, fault);
    }
}
