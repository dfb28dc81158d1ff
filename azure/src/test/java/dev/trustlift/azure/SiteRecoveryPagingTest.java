package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trustlift.core.cloud.ReplicationProtectedItem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paging and item kinds the sandbox does not produce: a vault list split by nextLink, and a vault
 * holding a Hyper-V item beside an A2A one (only A2A items name an ARM VM). Shapes from the public
 * examples (ListBySubscriptionIds.json, ReplicationProtectedItems_List.json).
 */
class SiteRecoveryPagingTest extends AdapterOnFakeArm {
    static final String SUB = "c183865e-6077-46f2-a3b1-deb0f4f4650a";
    static final String VAULT = "/subscriptions/" + SUB + "/resourceGroups/rg-dr/providers/Microsoft.RecoveryServices/vaults/";
    static final String VM = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01";

    @Test
    void followsNextLinkAndKeepsOnlyA2aVmIds() {
        arm.on("GET", "/subscriptions/" + SUB + "/providers/Microsoft.RecoveryServices/vaults", call -> call.query().contains("page=2")
                ? FakeArm.Answer.json(200, "{\"value\":[{\"id\":\"" + VAULT + "v2\",\"name\":\"v2\"}]}")
                : FakeArm.Answer.json(200, "{\"value\":[{\"id\":\"" + VAULT + "v1\",\"name\":\"v1\"}],\"nextLink\":\"" + arm.endpoint()
                        + "subscriptions/" + SUB + "/providers/Microsoft.RecoveryServices/vaults?api-version=2025-02-01&page=2\"}"));
        arm.on("GET", VAULT + "v1/replicationProtectedItems", FakeArm.Answer.json(200, "{\"value\":[{\"id\":\"" + VAULT
                + "v1/replicationFabrics/cloud1/replicationProtectionContainers/c1/replicationProtectedItems/hv1\","
                + "\"properties\":{\"friendlyName\":\"vm1\",\"protectionState\":\"Protected\","
                + "\"providerSpecificDetails\":{\"instanceType\":\"HyperVReplicaAzure\"}}}]}"));
        arm.on("GET", VAULT + "v2/replicationProtectedItems", FakeArm.Answer.json(200, "{\"value\":[{\"id\":\"" + VAULT
                + "v2/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/a2a1\","
                + "\"properties\":{\"friendlyName\":\"web01\",\"protectionState\":\"EnablingProtection\","
                + "\"providerSpecificDetails\":{\"instanceType\":\"A2A\",\"fabricObjectId\":\"" + VM + "\"}}}]}"));
        List<ReplicationProtectedItem> items = cloud.listReplicationProtectedItems(SUB);
        assertEquals(2, items.size(), items.toString());
        assertNull(items.get(0).protectedVmId(), "a Hyper-V item names no ARM VM");
        assertEquals(VM, items.get(1).protectedVmId());
        assertEquals(VAULT + "v2", items.get(1).vaultId());
        assertEquals("EnablingProtection", items.get(1).protectionState());
        assertEquals(1, arm.count("GET", "/subscriptions/" + SUB + "/providers/Microsoft.RecoveryServices/vaults") - 1,
                "two pages of vaults");
    }
}
