package dev.trustlift.azure;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.VmRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Management locks that apply to a VM or sit in a resource group, through the resources SDK's lock client. */
final class ManagementLocks {
    /** The version azure-resourcemanager-resources 2.52.0 uses for locks. */
    static final String LOCKS_API_VERSION = "2017-04-01";

    private final AzureConnection connection;

    ManagementLocks(AzureConnection connection) {
        this.connection = connection;
    }

    List<ResourceLock> find(VmRef vm) {
        var locks = connection.resources(vm.subscription()).managementLockClient().getManagementLocks();
        Map<String, ResourceLock> found = new LinkedHashMap<>();
        String vmId = vm.id().toLowerCase(Locale.ROOT);
        // A resource-group listing also returns locks on other resources in the group; keep
        // only those whose scope contains this VM.
        for (var inner : locks.listByResourceGroup(vm.resourceGroup())) {
            ResourceLock lock = ArmModels.lock(inner);
            if (lock.scope() != null && vmId.startsWith(lock.scope().toLowerCase(Locale.ROOT))) {
                found.putIfAbsent(inner.id().toLowerCase(Locale.ROOT), lock);
            }
        }
        ArmRest rest = new ArmRest(connection.pipeline(), connection.resourceManagerEndpoint());
        for (JsonNode lock : rest.send(HttpMethod.GET, vm.id() + "/providers/Microsoft.Authorization/locks",
                LOCKS_API_VERSION, null).path("value")) {
            found.putIfAbsent(lock.path("id").asText().toLowerCase(Locale.ROOT), ArmModels.lock(lock));
        }
        return List.copyOf(found.values());
    }

    List<ResourceLock> inGroup(String subscription, String resourceGroup) {
        List<ResourceLock> out = new ArrayList<>();
        for (var inner : connection.resources(subscription).managementLockClient().getManagementLocks()
                .listByResourceGroup(resourceGroup)) {
            out.add(ArmModels.lock(inner));
        }
        return out;
    }
}
