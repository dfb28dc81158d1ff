package dev.trustlift.core.discover;

import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.SecurityType;

/**
 * One line of discover's answer: where a VM is, what size, which generation and security type.
 *
 * @param generation UNKNOWN when neither the OS disk nor the instance view says (unmanaged disk of a
 *        deallocated VM)
 */
public record DiscoveredVm(
        String subscription,
        String resourceGroup,
        String name,
        String location,
        String size,
        OsType osType,
        HyperVGeneration generation,
        SecurityType securityType) {

    public DiscoveredVm {
        generation = generation == null ? HyperVGeneration.UNKNOWN : generation;
        securityType = securityType == null ? SecurityType.STANDARD : securityType;
    }

    /** The VMs trustlift exists for. */
    public boolean isGen1() {
        return generation == HyperVGeneration.V1;
    }
}
