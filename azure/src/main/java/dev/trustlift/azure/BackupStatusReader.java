package dev.trustlift.azure;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.VmRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Azure Backup's protection status and policy type for a VM. The compute SDK has no typed client
 * for Recovery Services, so these two calls go through the same authenticated pipeline (same
 * credential, retries and throttling observer) as raw REST.
 */
final class BackupStatusReader {

    static final String API_VERSION = "2025-02-01";
    private static final ObjectMapper JSON = ArmRest.JSON;

    private final ArmRest rest;

    BackupStatusReader(ArmRest rest) {
        this.rest = rest;
    }

    BackupProtection read(VmRef vm, String location) {
        ObjectNode body = JSON.createObjectNode().put("resourceId", vm.id()).put("resourceType", "VM");
        JsonNode status = send(HttpMethod.POST, "subscriptions/" + vm.subscription()
                + "/providers/Microsoft.RecoveryServices/locations/" + encode(location) + "/backupStatus", body);
        String protection = status.path("protectionStatus").asText("");
        boolean isProtected = protection.equalsIgnoreCase("Protected") || protection.equalsIgnoreCase("Protecting");
        if (!isProtected) {
            return BackupProtection.notProtected();
        }
        String vaultId = text(status, "vaultId");
        String policyName = text(status, "policyName");
        BackupProtection.PolicyType type = BackupProtection.PolicyType.STANDARD;
        if (vaultId != null && policyName != null) {
            JsonNode policy = send(HttpMethod.GET, stripSlash(vaultId) + "/backupPolicies/" + encode(policyName), null);
            type = BackupProtection.PolicyType.fromArm(policy.path("properties").path("policyType").asText(null));
        }
        return new BackupProtection(true, vaultId, policyName, type);
    }

    private JsonNode send(HttpMethod method, String path, JsonNode body) {
        return rest.send(method, path, API_VERSION, body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String stripSlash(String id) {
        return id.startsWith("/") ? id.substring(1) : id;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
