package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ReplicationProtectedItem;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Site Recovery's replication items and the VM's creation time, read by the real adapter over
 * HTTP from the sandbox (fleets/site-recovery.json): vaults listed per subscription, each vault's
 * protected items, matched to VMs by fabricObjectId; a 403 is a CloudException, never "none".
 */
class SiteRecoveryAdapterTest {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final String LOCKED_OUT = "22222222-2222-2222-2222-222222222222";

    static SandboxServer sandbox;
    static AzureCloudAdapter cloud;

    @BeforeAll
    static void start() throws IOException {
        String fleet;
        try (InputStream in = SiteRecoveryAdapterTest.class.getResourceAsStream("/fleets/site-recovery.json")) {
            fleet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        sandbox = SandboxServer.start(Fleet.parse(fleet, "site-recovery.json"), 0);
        cloud = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false).withPollInterval(Duration.ofMillis(50))));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void theReplicatedVmIsTheOnlyA2aItemAndNamesItsArmId() {
        List<ReplicationProtectedItem> items = cloud.listReplicationProtectedItems(SUB);
        VmRef replicated = new VmRef(SUB, "rg-app", "replicated");
        assertEquals(1, items.size(), items.toString());
        ReplicationProtectedItem item = items.get(0);
        assertEquals(replicated.id().toLowerCase(), item.protectedVmId().toLowerCase());
        assertEquals("/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.RecoveryServices/vaults/rsv-rg-app",
                item.vaultId());
        assertTrue(item.id().startsWith(item.vaultId() + "/replicationFabrics/"), item.id());
        assertEquals("Protected", item.protectionState());
        assertEquals("replicated", item.friendlyName());
    }

    @Test
    void unreadableVaultsFailLoudlyWithArmsCode() {
        CloudException e = assertThrows(CloudException.class, () -> cloud.listReplicationProtectedItems(LOCKED_OUT));
        assertEquals(403, e.httpStatus());
        assertEquals("AuthorizationFailed", e.code());
    }

    @Test
    void timeCreatedComesFromTheVmModelAndTheFleetDefaultIsFixed() {
        Vm replicated = cloud.getVm(new VmRef(SUB, "rg-app", "replicated"));
        assertEquals(Instant.parse("2023-05-04T08:30:00Z"), replicated.timeCreated());
        Vm plain = cloud.getVm(new VmRef(SUB, "rg-app", "plain"));
        assertEquals(Instant.parse("2024-03-01T09:00:00Z"), plain.timeCreated(), "the sandbox's documented default");
    }
}
