package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One VM of the fleet as contracts/fleet.md describes it. Missing optional fields take the documented defaults.
 * {@code scaleSet} (optional) names the Flexible scale set in the VM's resource group that the VM belongs to.
 * {@code timeCreated} (optional, ISO-8601) is served as the VM model's properties.timeCreated; without it
 * every VM was created at {@link dev.trustlift.sandbox.state.ArmState#DEFAULT_CREATED}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VmSpec(
        String subscription, String resourceGroup, String name, String location, String size,
        List<String> zones, String availabilitySet,
        String osType, String osName, String osVersion,
        String powerState, String agent, String securityType,
        OsDiskSpec osDisk, BackupSpec backup, Boolean asr, Boolean hibernation,
        List<String> locks, List<ExtensionSpec> extensions, Map<String, String> tags,
        GuestSpec guest, List<FaultSpec> faults, String scaleSet, String timeCreated) {

    public String resourceId() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup
                + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }
}
