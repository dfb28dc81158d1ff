package dev.trustlift.core.discover;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the VMs of a scope and their generation. The VM model has no generation, so it is read
 * from the OS disk (the authority) and, for unmanaged disks, from the instance view. Trusted
 * Launch VMs are Gen2 by definition and cost no extra call.
 */
public final class FleetDiscovery {

    private final Cloud cloud;

    public FleetDiscovery(Cloud cloud) {
        this.cloud = cloud;
    }

    /** @param useResourceGraph list through Resource Graph (large scopes) instead of ARM's paged lists */
    public List<DiscoveredVm> discover(CloudScope scope, boolean useResourceGraph) {
        List<Vm> vms = useResourceGraph ? cloud.queryVms(scope) : cloud.listVms(scope);
        List<DiscoveredVm> out = new ArrayList<>(vms.size());
        for (Vm vm : vms) {
            out.add(new DiscoveredVm(vm.ref().subscription(), vm.ref().resourceGroup(), vm.ref().name(),
                    vm.location(), vm.size(), vm.osType(), generation(vm), vm.securityType()));
        }
        return out;
    }

    private HyperVGeneration generation(Vm vm) {
        if (vm.securityType() != SecurityType.STANDARD) {
            return HyperVGeneration.V2;
        }
        if (vm.osDisk() != null && vm.osDisk().id() != null) {
            try {
                HyperVGeneration fromDisk = cloud.getDisk(vm.osDisk().id()).hyperVGeneration();
                if (fromDisk != null) {
                    return fromDisk;
                }
            } catch (CloudException e) {
                // A disk in a group we cannot read (or just deleted) still leaves the instance view.
                if (!e.isNotFound() && e.httpStatus() != 403) {
                    throw e;
                }
            }
        }
        return cloud.getInstanceView(vm.ref()).hyperVGeneration();
    }
}
