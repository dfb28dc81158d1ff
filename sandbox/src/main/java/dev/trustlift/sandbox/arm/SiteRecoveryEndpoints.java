package dev.trustlift.sandbox.arm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.http.ArmException;
import dev.trustlift.sandbox.http.ArmRequest;
import dev.trustlift.sandbox.http.ArmResponse;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recovery Services vaults and their Site Recovery replication protected items, in the shapes of
 * the public REST examples (ListBySubscriptionIds.json, ReplicationProtectedItems_List.json with an
 * A2A item): every resource group with a VM that has a backup or {@code "asr": true} has one vault,
 * {@code rsv-<resourceGroup>} (the same vault the backup status names), and each {@code asr} VM is
 * one Azure-to-Azure protected item in its group's vault whose providerSpecificDetails.fabricObjectId
 * is the VM's id. Which fabric and container names and which recovery region Azure picks are not
 * public rules: the sandbox's are a guess (docs/sandbox.md).
 */
final class SiteRecoveryEndpoints {
    private final SandboxContext ctx;

    SiteRecoveryEndpoints(SandboxContext ctx) {
        this.ctx = ctx;
    }

    ArmResponse listVaults(ArmRequest req) {
        SubscriptionRecord sub = ctx.state().subscription(req.param("s"));
        ctx.fault(sub.subscriptionFaults(), "site-recovery");
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        vaults(sub).forEach((group, location) -> value.add(vault(sub.id(), group, location)));
        return ArmResponse.ok(root);
    }

    ArmResponse listProtectedItems(ArmRequest req) {
        SubscriptionRecord sub = ctx.state().subscription(req.param("s"));
        ctx.fault(sub.subscriptionFaults(), "site-recovery");
        String group = groupOfVault(sub, req.param("rg"), req.param("v"));
        ObjectNode root = Json.object();
        ArrayNode value = root.putArray("value");
        for (VmRecord vm : sub.vms()) {
            if (Boolean.TRUE.equals(vm.spec().asr()) && vm.resourceGroup().equalsIgnoreCase(group)) {
                value.add(item(vm));
            }
        }
        return ArmResponse.ok(root);
    }

    /** Resource group (lower case) -> location of its first VM that needs a vault, in fleet order. */
    private static Map<String, String> vaults(SubscriptionRecord sub) {
        Map<String, String> out = new LinkedHashMap<>();
        for (VmRecord vm : sub.vms()) {
            if (vm.spec().backup() != null || Boolean.TRUE.equals(vm.spec().asr())) {
                out.putIfAbsent(vm.resourceGroup(), vm.location());
            }
        }
        return out;
    }

    private static String groupOfVault(SubscriptionRecord sub, String group, String vault) {
        for (String g : vaults(sub).keySet()) {
            if (g.equalsIgnoreCase(group) && vault.equalsIgnoreCase(vaultName(g))) {
                return g;
            }
        }
        throw ArmException.notFound("Microsoft.RecoveryServices/vaults", vault, group);
    }

    static String vaultName(String group) {
        return "rsv-" + group;
    }

    static String vaultId(String subscription, String group) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/Microsoft.RecoveryServices/vaults/"
                + vaultName(group);
    }

    private static ObjectNode vault(String subscription, String group, String location) {
        ObjectNode n = Json.object();
        n.put("location", location);
        n.put("name", vaultName(group));
        n.put("etag", "W/\"datetime'2024-03-01T09%3A00%3A00.000Z'\"");
        n.putObject("tags");
        n.putObject("properties").put("provisioningState", "Succeeded");
        n.put("id", vaultId(subscription, group));
        n.put("type", "Microsoft.RecoveryServices/vaults");
        n.putObject("sku").put("name", "Standard");
        return n;
    }

    private static ObjectNode item(VmRecord vm) {
        String location = vm.location();
        String recovery = recoveryRegion(location);
        String vault = vaultId(vm.subscription(), vm.resourceGroup());
        String fabric = "asr-a2a-default-" + location;
        String container = fabric + "-container";
        ObjectNode n = Json.object();
        n.put("id", vault + "/replicationFabrics/" + fabric + "/replicationProtectionContainers/" + container
                + "/replicationProtectedItems/" + vm.vmId());
        n.put("name", vm.vmId());
        n.put("type", "Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/"
                + "replicationProtectedItems");
        ObjectNode p = n.putObject("properties");
        p.put("friendlyName", vm.name());
        p.put("protectedItemType", "AzureVmDiskDetails");
        p.put("primaryFabricFriendlyName", location);
        p.put("recoveryFabricFriendlyName", recovery);
        p.put("primaryProtectionContainerFriendlyName", container);
        p.put("recoveryProtectionContainerFriendlyName", "asr-a2a-default-" + recovery + "-container");
        p.put("protectionState", "Protected");
        p.put("protectionStateDescription", "Protected");
        p.put("activeLocation", "Primary");
        p.put("testFailoverState", "None");
        p.putArray("allowedOperations").add("PlannedFailover").add("UnplannedFailover").add("DisableProtection")
                .add("TestFailover");
        p.put("replicationHealth", "Normal");
        p.put("policyFriendlyName", "24-hour-retention-policy");
        p.put("policyId", vault + "/replicationPolicies/24-hour-retention-policy");
        ObjectNode d = p.putObject("providerSpecificDetails");
        d.put("instanceType", "A2A");
        d.put("fabricObjectId", vm.id());
        d.put("primaryFabricLocation", location);
        d.put("recoveryFabricLocation", recovery);
        d.put("osType", vm.windows() ? "Windows" : "Linux");
        d.put("multiVmGroupName", vm.name());
        d.put("vmProtectionState", "Protected");
        d.put("vmProtectionStateDescription", "Protected");
        return n;
    }

    /** A fixed pairing for the sandbox's regions (a guess: Azure lets the user pick the target). */
    private static String recoveryRegion(String location) {
        List<String> pair = List.of("eastus", "westus2", "westeurope", "northeurope");
        int i = pair.indexOf(location.toLowerCase(Locale.ROOT));
        return i < 0 ? "westus2" : pair.get(i ^ 1);
    }
}
