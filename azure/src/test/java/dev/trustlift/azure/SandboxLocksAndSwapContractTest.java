package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real adapter against the sandbox's locks (on a subscription, a resource group and an OS
 * disk) and its refusal of a V1 OS disk under a Trusted Launch VM; the SDK's own PUT bodies pass
 * the sandbox's check for unknown members.
 */
class SandboxLocksAndSwapContractTest {
    static final String SUB = "44444444-4444-4444-4444-444444444444";
    static final VmRef FROZEN = new VmRef(SUB, "rg-frozen", "frozen01");
    static final VmRef FREE = new VmRef(SUB, "rg-app", "free01");
    static final VmRef UPGRADED = new VmRef(SUB, "rg-app", "upgraded01");
    static final String FLEET = "{\"timeScale\": 0, \"subscriptions\": [{\"id\": \"" + SUB + "\", \"throttle\": \"none\","
            + " \"locks\": [\"CanNotDelete\"], \"resourceGroupLocks\": {\"rg-frozen\": [\"ReadOnly\"]}}], \"vms\": ["
            + vm("rg-frozen", "frozen01", "running", "") + ","
            + vm("rg-app", "free01", "deallocated", ", \"osDisk\": {\"locks\": [\"ReadOnly\"]}") + ","
            + vm("rg-app", "upgraded01", "deallocated", "") + "]}";

    static SandboxServer sandbox;
    static AzureCloudAdapter cloud;

    private static String vm(String rg, String name, String power, String extra) {
        return "{\"subscription\": \"" + SUB + "\", \"resourceGroup\": \"" + rg + "\", \"name\": \"" + name + "\","
                + " \"location\": \"eastus\", \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\","
                + " \"osName\": \"Windows Server 2019 Datacenter\", \"osVersion\": \"10.0.17763.6054\","
                + " \"powerState\": \"" + power + "\"" + extra + "}";
    }

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxServer.start(Fleet.parse(FLEET, "inline"), 0);
        cloud = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false).withPollInterval(Duration.ofMillis(20))));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    private static Map<ResourceLock.Level, String> levels(List<ResourceLock> locks) {
        return locks.stream().collect(Collectors.toMap(ResourceLock::level, ResourceLock::scope));
    }

    @Test
    void groupAndSubscriptionLocksCoverTheVmAndADiskLockDoesNot() {
        assertEquals(Map.of(ResourceLock.Level.READ_ONLY, "/subscriptions/" + SUB + "/resourceGroups/rg-frozen",
                ResourceLock.Level.CAN_NOT_DELETE, "/subscriptions/" + SUB), levels(cloud.findLocks(FROZEN)));
        assertEquals(Map.of(ResourceLock.Level.CAN_NOT_DELETE, "/subscriptions/" + SUB), levels(cloud.findLocks(FREE)),
                "the lock on free01's disk is not the VM's");
        CloudException start = assertThrows(CloudException.class, () -> cloud.start(FROZEN));
        assertEquals("ScopeLocked", start.code());
        assertEquals(409, start.httpStatus());
    }

    @Test
    void theDisksOwnLockRefusesItsGrowthButNotTheVmsChanges() {
        String disk = cloud.getVm(FREE).osDisk().id();
        CloudException grow = assertThrows(CloudException.class, () -> cloud.growDisk(disk, 200));
        assertEquals("ScopeLocked", grow.code());
        assertEquals("TrustedLaunch", cloud.setSecurityProfile(FREE, SecurityProfileChange.trustedLaunch(true))
                .securityType().armName());
    }

    @Test
    void aV1DiskSwapsUnderAGen1VmButNotUnderTheSameVmOnceTrustedLaunch() {
        OsDisk copy = cloud.createDisk(UPGRADED, cloud.getVm(UPGRADED).osDisk().id(), "upgraded01-copy");
        OsDisk second = cloud.createDisk(UPGRADED, cloud.getVm(UPGRADED).osDisk().id(), "upgraded01-copy2");
        assertEquals(copy.id().toLowerCase(), cloud.swapOsDisk(UPGRADED, copy.id()).osDisk().id().toLowerCase(),
                "the SDK's PUT of the whole model is accepted");
        cloud.setSecurityProfile(UPGRADED, SecurityProfileChange.trustedLaunch(true));
        CloudException back = assertThrows(CloudException.class, () -> cloud.swapOsDisk(UPGRADED, second.id()));
        assertEquals("PropertyChangeNotAllowed", back.code());
        assertEquals(409, back.httpStatus());
        assertTrue(back.armMessage().contains("HyperVisor Generation 'V2'"), back.armMessage());
    }
}
