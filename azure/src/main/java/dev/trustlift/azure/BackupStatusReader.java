package dev.trustlift.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.VmRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Azure Backup's protection status and policy type for a VM. The compute SDK has no typed client
 * for Recovery Services, so these two calls go through the same authenticated pipeline (same
 * credential, retries and throttling observer) as raw REST.
 */
final class BackupStatusReader {

    static final String API_VERSION = "2025-02-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final String endpoint;

    BackupStatusReader(HttpPipeline pipeline, String endpoint) {
        this.pipeline = pipeline;
        this.endpoint = endpoint;
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
        HttpRequest request = new HttpRequest(method, endpoint + path + "?api-version=" + API_VERSION);
        request.setHeader(HttpHeaderName.ACCEPT, "application/json");
        if (body != null) {
            request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
            request.setBody(body.toString());
        }
        try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
            String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
            JsonNode json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            if (response.getStatusCode() / 100 != 2) {
                JsonNode error = json.path("error");
                throw new CloudException(error.path("code").asText("Http" + response.getStatusCode()),
                        error.path("message").asText(method + " " + path + " failed"),
                        response.getStatusCode(), response.getHeaderValue(ArmErrors.REQUEST_ID), null);
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
