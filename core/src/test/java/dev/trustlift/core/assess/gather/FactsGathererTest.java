package dev.trustlift.core.assess.gather;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.SiteRecoveryFacts;
import dev.trustlift.core.cloud.ReplicationProtectedItem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.AgentStatus;
import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.LockFact;
import dev.trustlift.core.assess.Sku;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ResourceSku;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FactsGathererTest {
    private static final String WS2019 = "Windows Server 2019 Datacenter";

    private FakeCloud fleet(int perLocation) {
        FakeCloud cloud = new FakeCloud();
        for (String location : List.of("eastus", "westeurope")) {
            for (int i = 0; i < perLocation; i++) {
                cloud.add(FakeCloud.vm(location + i, location, "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of()),
                        PowerState.RUNNING, WS2019, "10.0.17763", HyperVGeneration.V1);
            }
            cloud.skus.add(FakeCloud.sku("Standard_D2s_v5", location, "V1,V2", "2", "8"));
        }
        return cloud;
    }

    @Test
    void skuListsOncePerLocationFeatureOncePerSubscriptionLocksOncePerGroupAndThreeCallsPerVm() {
        FakeCloud cloud = fleet(5);
        FactsGatherer gatherer = new FactsGatherer(cloud, false);
        AssessmentReport report = new FleetAssessment(gatherer, new Assessor(StandardRules.all()), 4, fixedClock())
                .assess(cloud.vms.values().stream().map(Target::found).toList());
        assertEquals(10, report.vms().size());
        assertEquals(2, cloud.count("listSkus"));
        assertEquals(1, cloud.count("getFeature"));
        assertEquals(0, cloud.count("getDisk"), "the instance view gave the generation");
        assertEquals(10, cloud.count("getInstanceView"));
        assertEquals(0, cloud.count("findLocks"));
        assertEquals(1, cloud.count("listResourceGroupLocks"), "all ten VMs share one resource group");
        assertEquals(1, cloud.count("listReplicationProtectedItems"), "Site Recovery's items once per subscription");
        int perVm = cloud.total() - cloud.count("listSkus") - cloud.count("getFeature") - cloud.count("listResourceGroupLocks")
                - cloud.count("listReplicationProtectedItems");
        assertEquals(30, perVm, cloud.calls.toString());
        assertEquals(0, cloud.count("runScript"));
        assertEquals(10, report.summary().get(Verdict.READY), report.vms().toString());
    }

    @Test
    void vmsDecidedByTheirModelCostNoCall() {
        FakeCloud cloud = new FakeCloud();
        Vm tl = FakeCloud.vm("tl", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.TRUSTED_LAUNCH, Map.of());
        Vm excluded = FakeCloud.vm("ex", "eastus", "Standard_A2_v2", OsType.LINUX, SecurityType.STANDARD,
                Map.of("TrustLift:Exclude", "yes"));
        FactsGatherer gatherer = new FactsGatherer(cloud, true);
        VmFacts tlFacts = gatherer.gather(tl);
        gatherer.gather(excluded);
        assertEquals(0, cloud.total(), cloud.calls.toString());
        assertEquals(Verdict.ALREADY_TRUSTED_LAUNCH, new Assessor(StandardRules.all()).assess(tlFacts).verdict());
        assertEquals(Verdict.SKIPPED, new Assessor(StandardRules.all()).assess(gatherer.gather(excluded)).verdict());
    }

    @Test
    void deallocatedVmReadsTheDiskForItsGenerationAndIsNotProbed() {
        FakeCloud cloud = fleet(0);
        Vm vm = FakeCloud.vm("off", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of());
        cloud.add(vm, PowerState.DEALLOCATED, null, null, null);
        cloud.disks.put(vm.osDisk().id().toLowerCase(), new OsDisk(vm.osDisk().id(), "off-os", "eastus", 127, HyperVGeneration.V2,
                "EncryptionAtRestWithCustomerKey", SecurityType.STANDARD, vm.ref().id()));
        VmFacts facts = new FactsGatherer(cloud, true).gather(vm);
        assertEquals(1, cloud.count("getDisk"));
        assertEquals(HyperVGeneration.V2, facts.osDisk().generation());
        assertEquals(DiskEncryption.SSE_CMK, facts.osDisk().encryption());
        assertEquals(PowerState.DEALLOCATED, facts.powerState());
        assertEquals(AgentStatus.UNKNOWN, facts.agent());
        assertNull(facts.guest());
        assertEquals(0, cloud.count("runScript"));
    }

    @Test
    void featureStateIsReadAndAbsenceIsNull() {
        FakeCloud cloud = fleet(1);
        Vm vm = cloud.vms.values().iterator().next();
        assertNull(new FactsGatherer(cloud, false).gather(vm).migrationFeature());
        assertEquals(Boolean.FALSE, new FactsGatherer(cloud, false).gather(vm, false).secureBootPlanned());
        cloud.features.put(FakeCloud.SUB, FeatureState.Registration.NOT_REGISTERED);
        assertEquals(FeatureState.Registration.NOT_REGISTERED,
                new FactsGatherer(cloud, false).gather(vm).migrationFeature().state());
    }

    @Test
    void probeRunsOnlyWhenAskedAndItsOutputBecomesGuestFacts() {
        FakeCloud cloud = fleet(1);
        cloud.guest = ref -> new ScriptResult(0, ProbeOutputs.windowsMbr(1), "");
        Vm vm = cloud.vms.values().iterator().next();
        assertNull(new FactsGatherer(cloud, false).gather(vm).guest());
        VmFacts probed = new FactsGatherer(cloud, true).gather(vm);
        assertEquals(1, cloud.count("runScript"));
        assertEquals(DiskLayout.Style.MBR, probed.guest().layout().style());
        assertEquals(Verdict.BLOCKED, new Assessor(StandardRules.all()).assess(probed).verdict(), "BitLocker on");
    }

    @Test
    void failedProbeIsANoteNotAFailure() {
        FakeCloud cloud = fleet(1);
        cloud.guest = ref -> new ScriptResult(1, "", "Get-Partition : No MSFT_Partition objects found\nmore");
        VmFacts facts = new FactsGatherer(cloud, true).gather(cloud.vms.values().iterator().next());
        assertNull(facts.guest());
        assertEquals("probe exited with code 1: Get-Partition : No MSFT_Partition objects found", facts.guestNote());
    }

    @Test
    void readOnlyLockMeansNoRunCommand() {
        FakeCloud cloud = fleet(1);
        Vm vm = cloud.vms.values().iterator().next();
        cloud.locks.put(vm.ref().key(), List.of(new ResourceLock("freeze", ResourceLock.Level.READ_ONLY, vm.ref().id())));
        VmFacts facts = new FactsGatherer(cloud, true).gather(vm);
        assertEquals(0, cloud.count("runScript"));
        assertEquals("a ReadOnly lock refuses Run Command (see TL110)", facts.guestNote());
    }

    @Test
    void probesRunConcurrently() {
        FakeCloud cloud = fleet(2);
        CountDownLatch allStarted = new CountDownLatch(4);
        cloud.guest = ref -> {
            allStarted.countDown();
            try {
                // Only returns when all four probes are in flight together.
                assertTrue(allStarted.await(20, TimeUnit.SECONDS), "probes ran one after another");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ScriptResult(0, ProbeOutputs.windowsMbr(0), "");
        };
        AssessmentReport report = new FleetAssessment(new FactsGatherer(cloud, true), new Assessor(StandardRules.all()), 4,
                fixedClock()).assess(cloud.vms.values().stream().map(Target::found).toList());
        assertEquals(4, cloud.count("runScript"));
        assertEquals(0, report.summary().get(Verdict.UNKNOWN), report.vms().toString());
    }

    @Test
    void cloudFailureMakesOneVmUnknownAndKeepsOrder() {
        FakeCloud cloud = fleet(2);
        List<Vm> vms = new ArrayList<>(cloud.vms.values());
        vms.sort((a, b) -> a.ref().name().compareTo(b.ref().name()));
        cloud.failures.put("getInstanceView " + vms.get(1).ref().key(),
                new dev.trustlift.core.cloud.CloudException("AuthorizationFailed", "no read access", 403, "r", null));
        AssessmentReport report = new FleetAssessment(new FactsGatherer(cloud, false), new Assessor(StandardRules.all()), 2,
                fixedClock()).assess(vms.stream().map(Target::found).toList());
        assertEquals(vms.stream().map(v -> v.ref().name()).toList(), report.vms().stream().map(a -> a.vm().name()).toList());
        assertEquals(Verdict.UNKNOWN, report.vms().get(1).verdict());
        assertTrue(report.vms().get(1).findings().get(0).message().contains("AuthorizationFailed"));
        assertEquals(Instant.parse("2026-11-28T12:00:00Z"), report.generatedAt());
    }

    @Test
    void locksAreClassifiedByScope() {
        Vm vm = FakeCloud.vm("web01", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of());
        assertEquals(LockFact.Scope.VM, FactsGatherer.lock(vm, new ResourceLock("a", ResourceLock.Level.READ_ONLY,
                vm.ref().id())).scope());
        assertEquals(LockFact.Scope.RESOURCE_GROUP, FactsGatherer.lock(vm, new ResourceLock("b", ResourceLock.Level.READ_ONLY,
                "/subscriptions/" + FakeCloud.SUB + "/resourceGroups/rg-app")).scope());
        assertEquals(LockFact.Scope.SUBSCRIPTION, FactsGatherer.lock(vm, new ResourceLock("c", ResourceLock.Level.CAN_NOT_DELETE,
                "/subscriptions/" + FakeCloud.SUB)).scope());
        assertEquals(LockFact.Scope.OS_DISK, FactsGatherer.lock(vm, new ResourceLock("d", ResourceLock.Level.READ_ONLY,
                vm.osDisk().id())).scope());
    }

    @Test
    void aGroupListingGivesEachVmOnlyTheLocksThatBindIt() {
        FakeCloud cloud = fleet(2);
        List<Vm> vms = List.copyOf(cloud.vms.values());
        Vm locked = vms.get(0);
        cloud.locks.put(locked.ref().key(), List.of(new ResourceLock("freeze", ResourceLock.Level.READ_ONLY, locked.ref().id())));
        FactsGatherer gatherer = new FactsGatherer(cloud, false);
        assertEquals(List.of(LockFact.Scope.VM), gatherer.gather(locked).locks().stream().map(LockFact::scope).toList());
        for (Vm other : vms.subList(1, vms.size())) {
            assertEquals(List.of(), gatherer.gather(other).locks(), other.ref().name());
        }
        assertEquals(1, cloud.count("listResourceGroupLocks"));
        assertTrue(FactsGatherer.appliesTo(locked, new ResourceLock("rg", ResourceLock.Level.READ_ONLY,
                "/subscriptions/" + FakeCloud.SUB + "/resourceGroups/RG-APP/")));
        assertFalse(FactsGatherer.appliesTo(locked, new ResourceLock("rg", ResourceLock.Level.READ_ONLY,
                "/subscriptions/" + FakeCloud.SUB + "/resourceGroups/rg-app2")));
    }

    @Test
    void scaleSetMembersAreSkippedWithoutCallsAndHibernationReachesTheFacts() {
        FakeCloud cloud = fleet(1);
        Vm base = cloud.vms.values().iterator().next();
        Vm member = new Vm(base.ref(), base.location(), base.size(), base.zones(), null, OsType.LINUX, SecurityType.STANDARD,
                false, false, Map.of(), base.osDisk(), null, false, "Succeeded",
                "/subscriptions/" + FakeCloud.SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1",
                false, null);
        FactsGatherer gatherer = new FactsGatherer(cloud, false);
        int before = cloud.total();
        VmFacts facts = gatherer.gather(member);
        assertEquals(before, cloud.total(), cloud.calls.toString());
        assertEquals("vmss1", facts.placement().scaleSet());
        assertEquals(Verdict.SKIPPED, new Assessor(StandardRules.all()).assess(facts).verdict());
        Vm hibernating = new Vm(base.ref(), base.location(), base.size(), base.zones(), null, OsType.LINUX,
                SecurityType.STANDARD, false, false, Map.of(), base.osDisk(), null, false, "Succeeded", null, true, null);
        assertTrue(gatherer.gather(hibernating).hibernation());
    }

    @Test
    void extensionsCarriedByTheVmListAreNotAskedAgain() {
        FakeCloud cloud = fleet(1);
        Vm base = cloud.vms.values().iterator().next();
        Vm listed = new Vm(base.ref(), base.location(), base.size(), base.zones(), null, base.osType(), SecurityType.STANDARD,
                false, false, Map.of(), base.osDisk(), null, false, "Succeeded", null, false,
                List.of(new Extension("Microsoft.Azure.RecoveryServices.SiteRecovery", "Windows", "SiteRecovery-Windows")));
        FactsGatherer gatherer = new FactsGatherer(cloud, false);
        VmFacts facts = gatherer.gather(listed);
        assertEquals(0, cloud.count("listExtensions"), cloud.calls.toString());
        assertEquals("SiteRecovery-Windows", facts.extensions().get(0).name());
        gatherer.gather(base);
        assertEquals(1, cloud.count("listExtensions"), "a VM whose list entry said nothing is asked");
    }

    @Test
    void skuCapabilitiesBecomeNumbers() {
        ResourceSku raw = new ResourceSku("Standard_D2ps_v5", "eastus", Map.of("HyperVGenerations", "V2", "vCPUs", "2",
                "MemoryGB", "8", "CpuArchitectureType", "Arm64", "TrustedLaunchDisabled", "False"),
                List.of(new ResourceSku.Restriction("Location", List.of("eastus"), "NotAvailableForSubscription")));
        Sku sku = SkuCatalogs.sku(raw);
        assertEquals(2, sku.vCpus());
        assertEquals(8.0, sku.memoryGb());
        assertEquals("Arm64", sku.architecture());
        assertTrue(sku.trustedLaunchCapable());
        assertEquals("NotAvailableForSubscription", sku.restriction());
        assertTrue(!sku.premiumIo());
    }

    @Test
    void replicationItemsAreMatchedToTheVmByItsArmId() {
        FakeCloud cloud = fleet(2);
        List<Vm> vms = new ArrayList<>(cloud.vms.values());
        Vm replicated = vms.get(0);
        String item = "/subscriptions/" + FakeCloud.SUB + "/resourceGroups/rg-dr/providers/Microsoft.RecoveryServices/vaults/"
                + "rsv/replicationFabrics/f/replicationProtectionContainers/c/replicationProtectedItems/i1";
        cloud.replicationItems.add(new ReplicationProtectedItem(item, "rsv", replicated.ref().name(),
                replicated.ref().id().toUpperCase(java.util.Locale.ROOT), "Protected"));
        cloud.replicationItems.add(new ReplicationProtectedItem("hv", "rsv", "onprem", null, "Protected"));
        FactsGatherer gatherer = new FactsGatherer(cloud, false);
        SiteRecoveryFacts hit = gatherer.gather(replicated).siteRecovery();
        assertEquals(SiteRecoveryFacts.Status.REPLICATED, hit.status());
        assertEquals(item, hit.item());
        for (Vm other : vms.subList(1, vms.size())) {
            assertEquals(SiteRecoveryFacts.Status.NOT_REPLICATED, gatherer.gather(other).siteRecovery().status());
        }
        assertEquals(1, cloud.count("listReplicationProtectedItems"));
    }

    @Test
    void unreadableVaultsAreUnreadableNotNotReplicated() {
        FakeCloud cloud = fleet(1);
        cloud.failures.put("listReplicationProtectedItems " + FakeCloud.SUB, new dev.trustlift.core.cloud.CloudException(
                "AuthorizationFailed", "The client does not have authorization to perform action "
                + "'Microsoft.RecoveryServices/vaults/read'", 403, "r", null));
        SiteRecoveryFacts facts = new FactsGatherer(cloud, false).gather(cloud.vms.values().iterator().next()).siteRecovery();
        assertEquals(SiteRecoveryFacts.Status.UNREADABLE, facts.status());
        assertTrue(facts.problem().contains("HTTP 403 AuthorizationFailed"), facts.problem());
    }

    @Test
    void timeCreatedReachesTheFacts() {
        FakeCloud cloud = fleet(0);
        Vm base = FakeCloud.vm("old", "eastus", "Standard_D2s_v5", OsType.LINUX, SecurityType.STANDARD, Map.of());
        Vm vm = new Vm(base.ref(), base.location(), base.size(), base.zones(), null, OsType.LINUX, SecurityType.STANDARD,
                false, false, Map.of(), base.osDisk(), null, false, "Succeeded", null, false, null,
                Instant.parse("2023-01-05T10:00:00Z"));
        cloud.add(vm, PowerState.RUNNING, "ubuntu", "20.04", HyperVGeneration.V1);
        assertEquals(Instant.parse("2023-01-05T10:00:00Z"), new FactsGatherer(cloud, false).gather(vm).timeCreated());
    }

    @Test
    void whyTheGuestWasNotProbedIsSaid() {
        FakeCloud cloud = fleet(0);
        Vm off = FakeCloud.vm("off", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of());
        cloud.add(off, PowerState.DEALLOCATED, null, null, HyperVGeneration.V1);
        Vm sick = FakeCloud.vm("sick", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of());
        cloud.add(sick, PowerState.RUNNING, WS2019, "10.0.17763", HyperVGeneration.V1);
        cloud.views.put(sick.ref().key(), new dev.trustlift.core.cloud.InstanceView(PowerState.RUNNING, "Not Ready", WS2019,
                "10.0.17763", HyperVGeneration.V1, List.of()));
        FactsGatherer probing = new FactsGatherer(cloud, true);
        assertEquals("the VM is not running (deallocated)", probing.gather(off).guestNote());
        assertEquals("the VM agent is not Ready (Not Ready)", probing.gather(sick).guestNote());
        assertEquals("--no-probe-guest given", new FactsGatherer(cloud, false).gather(off).guestNote());
        assertEquals(0, cloud.count("runScript"));
    }

    @Test
    void gen2WindowsIsProbedForBitLockerGen2LinuxIsNot() {
        FakeCloud cloud = fleet(0);
        cloud.guest = ref -> new ScriptResult(0, ProbeOutputs.windowsMbr(1), "");
        Vm win = FakeCloud.vm("win2", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of());
        Vm lin = FakeCloud.vm("lin2", "eastus", "Standard_D2s_v5", OsType.LINUX, SecurityType.STANDARD, Map.of());
        cloud.add(win, PowerState.RUNNING, WS2019, "10.0.17763", HyperVGeneration.V2);
        cloud.add(lin, PowerState.RUNNING, "ubuntu", "22.04", HyperVGeneration.V2);
        FactsGatherer gatherer = new FactsGatherer(cloud, true);
        VmFacts winFacts = gatherer.gather(win);
        assertEquals(1, cloud.count("runScript"));
        assertEquals(BitLockerState.ON, winFacts.guest().bitLocker());
        VmFacts linFacts = gatherer.gather(lin);
        assertEquals(1, cloud.count("runScript"), "no guest rule applies to a Gen2 Linux disk");
        assertTrue(new Assessor(StandardRules.all()).assess(linFacts).guestChecked());
    }

    @Test
    void anUnknownGenerationStaysUnknown() {
        FakeCloud cloud = fleet(0);
        Vm vm = FakeCloud.vm("vhd", "eastus", "Standard_D2s_v5", OsType.WINDOWS, SecurityType.STANDARD, Map.of());
        cloud.add(vm, PowerState.DEALLOCATED, null, null, null);
        cloud.disks.put(vm.osDisk().id().toLowerCase(), new OsDisk(vm.osDisk().id(), "vhd-os", "eastus", 127, null, null,
                SecurityType.STANDARD, vm.ref().id()));
        assertEquals(HyperVGeneration.UNKNOWN, new FactsGatherer(cloud, true).gather(vm).osDisk().generation());
    }

    @Test
    void aRuleThatThrowsStopsTheFleetRunWithTheRuleAndTheVmNotAVerdict() {
        FakeCloud cloud = fleet(1);
        dev.trustlift.core.assess.Rule broken = new dev.trustlift.core.assess.Rule() {
            @Override
            public String id() {
                return "TL020";
            }

            @Override
            public java.util.Optional<dev.trustlift.core.assess.Finding> evaluate(VmFacts facts) {
                throw new ArithmeticException("/ by zero");
            }
        };
        List<Target> targets = cloud.vms.values().stream().map(Target::found).toList();
        dev.trustlift.core.assess.RuleFailure e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.trustlift.core.assess.RuleFailure.class, () -> new FleetAssessment(new FactsGatherer(cloud, false),
                        new Assessor(List.of(broken)), 2, fixedClock()).assess(targets));
        assertTrue(e.getMessage().matches("rule TL020 failed on VM /subscriptions/.+/virtualMachines/\\w+: "
                + "ArithmeticException: / by zero"), e.getMessage());
    }

    static Clock fixedClock() {
        return Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);
    }
}
