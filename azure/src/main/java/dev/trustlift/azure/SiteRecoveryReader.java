package dev.trustlift.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.ReplicationProtectedItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure Site Recovery's replication protected items of every Recovery Services vault in a
 * subscription: list the vaults, then each vault's items (the vault-wide list, across fabrics and
 * containers). No small typed client exists for Site Recovery (its SDK is a whole management
 * library), so these go through the shared pipeline as BackupStatusReader's calls do. An Azure VM
 * replicated Azure-to-Azure names its ARM id in providerSpecificDetails.fabricObjectId.
 */
final class SiteRecoveryReader {

    /** Microsoft.RecoveryServices vaults (specification/recoveryservices, stable 2025-02-01). */
    static final String VAULTS_API_VERSION = "2025-02-01";
    /** Site Recovery (specification/recoveryservicessiterecovery, stable 2025-01-01). */
    static final String REPLICATION_API_VERSION = "2025-01-01";

    private final ArmRest rest;

    SiteRecoveryReader(ArmRest rest) {
        this.rest = rest;
    }

    List<ReplicationProtectedItem> read(String subscription) {
        List<ReplicationProtectedItem> out = new ArrayList<>();
        for (JsonNode vault : rest.list("subscriptions/" + subscription + "/providers/Microsoft.RecoveryServices/vaults",
                VAULTS_API_VERSION)) {
            String vaultId = vault.path("id").asText(null);
            if (vaultId == null) {
                continue;
            }
            for (JsonNode item : rest.list(vaultId + "/replicationProtectedItems", REPLICATION_API_VERSION)) {
                out.add(item(vaultId, item));
            }
        }
        return out;
    }

    static ReplicationProtectedItem item(String vaultId, JsonNode item) {
        JsonNode p = item.path("properties");
        JsonNode details = p.path("providerSpecificDetails");
        // Only Azure-to-Azure items protect an ARM VM; Hyper-V and VMware items name no ARM VM.
        String vmId = "A2A".equalsIgnoreCase(details.path("instanceType").asText(""))
                ? text(details, "fabricObjectId") : null;
        return new ReplicationProtectedItem(text(item, "id"), vaultId, text(p, "friendlyName"), vmId,
                text(p, "protectionState"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
