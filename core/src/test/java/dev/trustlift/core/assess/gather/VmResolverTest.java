package dev.trustlift.core.assess.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.vmlist.VmListEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmResolverTest {
    private static final String OTHER = "22222222-2222-2222-2222-222222222222";

    @Test
    void csvRowsAreFoundInTheGivenSubscriptions() {
        FakeCloud cloud = new FakeCloud();
        Vm web = FakeCloud.vm("web01", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of());
        cloud.add(web, PowerState.RUNNING, "x", "y", HyperVGeneration.V1);
        List<Target> targets = new VmResolver(cloud).fromList(List.of(
                new VmListEntry(null, "rg-app", "web01", true, 2),
                new VmListEntry(null, "rg-app", "nope", true, 3)), List.of(FakeCloud.SUB, OTHER));
        assertEquals(web, targets.get(0).vm());
        assertEquals(Boolean.TRUE, targets.get(0).enableSecureBoot());
        assertNull(targets.get(1).vm());
        assertEquals("line 3: VM 'nope' in resource group 'rg-app' not found in any of subscriptions " + FakeCloud.SUB + ", "
                + OTHER, targets.get(1).problem());
        assertEquals(4, cloud.count("getVm"));
    }

    @Test
    void aRowInTwoSubscriptionsIsAmbiguous() {
        FakeCloud cloud = new FakeCloud();
        Vm a = FakeCloud.vm("web01", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of());
        Vm b = new Vm(new VmRef(OTHER, "rg-app", "web01"), "eastus", "Standard_D2s_v5", List.of(), null, OsType.WINDOWS,
                SecurityType.STANDARD, false, false, Map.of(), a.osDisk(), null, false, "Succeeded");
        cloud.add(a, PowerState.RUNNING, "x", "y", HyperVGeneration.V1).add(b, PowerState.RUNNING, "x", "y", HyperVGeneration.V1);
        Target t = new VmResolver(cloud).fromList(List.of(new VmListEntry(null, "rg-app", "web01", false, 7)),
                List.of(FakeCloud.SUB, OTHER)).get(0);
        assertNull(t.vm());
        assertTrue(t.problem().contains("exists in subscriptions " + FakeCloud.SUB + " and " + OTHER), t.problem());
    }

    @Test
    void unreachableSubscriptionBecomesThatVmsProblem() {
        FakeCloud cloud = new FakeCloud();
        VmRef ref = new VmRef(OTHER, "rg", "x");
        cloud.failures.put("getVm " + ref.key(), new CloudException("AuthorizationFailed", "no access", 403, "r", null));
        Target t = new VmResolver(cloud).fromList(List.of(new VmListEntry(OTHER, "rg", "x", null, 1)), List.of(FakeCloud.SUB))
                .get(0);
        assertTrue(t.problem().startsWith("access denied in subscription " + OTHER), t.problem());
    }
}
