package dev.trustlift.core.cloud;

import java.util.List;

/**
 * The VM's runtime state. verify-guest reads the agent status and OS version here; the instance
 * view also reports hyperVGeneration when the VM model does not.
 *
 * @param agentStatus the VM agent's display status ("Ready", "Not Ready"), null when no agent reported
 * @param osName null when the agent has not reported it (stopped VMs, no agent)
 * @param statuses all VM statuses, kept for evidence in reports
 */
public record InstanceView(
        PowerState powerState,
        String agentStatus,
        String osName,
        String osVersion,
        HyperVGeneration hyperVGeneration,
        List<Status> statuses) {

    public InstanceView {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        hyperVGeneration = hyperVGeneration == null ? HyperVGeneration.UNKNOWN : hyperVGeneration;
    }

    public boolean agentReady() {
        return "Ready".equalsIgnoreCase(agentStatus);
    }

    /** One instance-view status, e.g. code "ProvisioningState/succeeded". */
    public record Status(String code, String level, String displayStatus, String message) {
    }
}
