package dev.trustlift.core.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsDiskRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.RateLimits;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ResourceSku;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Snapshot;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetDiscoveryTest {

    /** A fake cloud with three VMs: managed Gen1, Trusted Launch, unmanaged (generation only in the instance view). */
    static class ThreeVms implements Cloud {
        final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

        static Vm vm(String name, SecurityType type, OsDiskRef disk) {
            return new Vm(new VmRef("s1", "rg", name), "eastus", "Standard_D2s_v3", List.of(), null, OsType.LINUX,
                    type, type != SecurityType.STANDARD, type != SecurityType.STANDARD, Map.of(), disk, null, false,
                    "Succeeded");
        }

        @Override
        public List<Vm> listVms(CloudScope scope) {
            calls.add("list");
            return List.of(vm("gen1", SecurityType.STANDARD, new OsDiskRef("/disk/gen1-os", "gen1-os", true, false, 30)),
                    vm("tl", SecurityType.TRUSTED_LAUNCH, new OsDiskRef("/disk/tl-os", "tl-os", true, false, 30)),
                    vm("vhd", SecurityType.STANDARD, new OsDiskRef(null, "vhd-os", false, false, 30)));
        }

        @Override
        public List<Vm> queryVms(CloudScope scope) {
            calls.add("graph");
            return listVms(scope);
        }

        @Override
        public OsDisk getDisk(String diskId) {
            calls.add("disk " + diskId);
            return new OsDisk(diskId, "d", "eastus", 30, HyperVGeneration.V1, null, SecurityType.STANDARD, null);
        }

        @Override
        public InstanceView getInstanceView(VmRef vm) {
            calls.add("view " + vm.name());
            return new InstanceView(PowerState.RUNNING, "Ready", null, null, HyperVGeneration.V2, List.of());
        }

        @Override public Vm getVm(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public List<Extension> listExtensions(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public List<ResourceSku> listSkus(String s, String l) { throw new UnsupportedOperationException(); }
        @Override public FeatureState getFeature(String s, String f) { throw new UnsupportedOperationException(); }
        @Override public FeatureState registerFeature(String s, String f) { throw new UnsupportedOperationException(); }
        @Override public BackupProtection getBackupProtection(VmRef vm, String l) { throw new UnsupportedOperationException(); }
        @Override public List<dev.trustlift.core.cloud.ReplicationProtectedItem> listReplicationProtectedItems(String s) {
            throw new UnsupportedOperationException();
        }
        @Override public List<ResourceLock> findLocks(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public List<ResourceLock> listResourceGroupLocks(String s, String g) { throw new UnsupportedOperationException(); }
        @Override public ScriptResult runScript(VmRef vm, GuestScript s) { throw new UnsupportedOperationException(); }
        @Override public RestorePoint createRestorePoint(VmRef vm, String c, String p) { throw new UnsupportedOperationException(); }
        @Override public Snapshot createIncrementalSnapshot(String d, String n) { throw new UnsupportedOperationException(); }
        @Override public OsDisk createDisk(VmRef vm, String s, String n) { throw new UnsupportedOperationException(); }
        @Override public OsDisk growDisk(String d, int g) { throw new UnsupportedOperationException(); }
        @Override public Vm swapOsDisk(VmRef vm, String d) { throw new UnsupportedOperationException(); }
        @Override public void deallocate(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public void start(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public Vm setSecurityProfile(VmRef vm, SecurityProfileChange c) { throw new UnsupportedOperationException(); }
        @Override public RateLimits rateLimits(String s) { return RateLimits.none(s); }
        @Override public dev.trustlift.core.cloud.OperationHandle beginDeallocate(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public dev.trustlift.core.cloud.OperationHandle beginStart(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public dev.trustlift.core.cloud.OperationHandle beginRestart(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public dev.trustlift.core.cloud.OperationHandle beginSetSecurityProfile(VmRef vm, SecurityProfileChange c) {
            throw new UnsupportedOperationException();
        }
        @Override public String ensureRestorePointCollection(VmRef vm, String l, String c) { throw new UnsupportedOperationException(); }
        @Override public dev.trustlift.core.cloud.OperationHandle beginCreateRestorePoint(VmRef vm, String c, String p,
                dev.trustlift.core.cloud.ConsistencyMode m) {
            throw new UnsupportedOperationException();
        }
        @Override public java.util.Optional<RestorePoint> findRestorePoint(VmRef vm, String c, String p) {
            throw new UnsupportedOperationException();
        }
        @Override public dev.trustlift.core.cloud.OperationHandle beginRestoreDisk(VmRef vm, String l, String d, String n,
                java.util.Map<String, String> t) {
            throw new UnsupportedOperationException();
        }
        @Override public dev.trustlift.core.cloud.OperationHandle beginSwapOsDisk(VmRef vm, String d) { throw new UnsupportedOperationException(); }
        @Override public dev.trustlift.core.cloud.OperationHandle beginTagDisk(String d, java.util.Map<String, String> t) {
            throw new UnsupportedOperationException();
        }
        @Override public dev.trustlift.core.cloud.OperationHandle beginRunCommand(VmRef vm, String l,
                dev.trustlift.core.cloud.ManagedRunCommand c) {
            throw new UnsupportedOperationException();
        }
        @Override public java.util.Optional<dev.trustlift.core.cloud.RunCommandView> findRunCommand(VmRef vm, String n) {
            throw new UnsupportedOperationException();
        }
        @Override public dev.trustlift.core.cloud.OperationHandle beginDeleteRunCommand(VmRef vm, String n) {
            throw new UnsupportedOperationException();
        }
        @Override public dev.trustlift.core.cloud.OperationState pollOperation(dev.trustlift.core.cloud.OperationHandle h) {
            throw new UnsupportedOperationException();
        }
        @Override public String readSerialConsoleLog(VmRef vm) { throw new UnsupportedOperationException(); }
        @Override public FeatureState.Registration registerResourceProvider(String s, String n) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void generationComesFromTheCheapestAuthority() {
        ThreeVms cloud = new ThreeVms();
        List<DiscoveredVm> found = new FleetDiscovery(cloud, 1).discover(CloudScope.of(List.of("s1"), null), false);
        assertEquals(List.of(HyperVGeneration.V1, HyperVGeneration.V2, HyperVGeneration.V2),
                found.stream().map(DiscoveredVm::generation).toList());
        assertEquals(List.of("list", "disk /disk/gen1-os", "view vhd"), cloud.calls,
                "TL needs no call, managed disks are read, unmanaged fall back to the instance view");
    }

    @Test
    void missingDiskFallsBackToTheInstanceView() {
        ThreeVms cloud = new ThreeVms() {
            @Override
            public OsDisk getDisk(String diskId) {
                throw new CloudException("ResourceNotFound", "gone", 404, "r", null);
            }

            @Override
            public InstanceView getInstanceView(VmRef vm) {
                return new InstanceView(PowerState.DEALLOCATED, null, null, null, null, List.of());
            }
        };
        List<DiscoveredVm> found = new FleetDiscovery(cloud).discover(CloudScope.of(List.of("s1"), null), true);
        assertEquals(HyperVGeneration.UNKNOWN, found.get(0).generation(), "nobody knows, and discover says so rather than guessing");
        assertEquals("graph", cloud.calls.get(0));
    }

    @Test
    void subscriptionsRunInParallelButOneSubscriptionReadsOneAtATime() {
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<Integer> maxPerSubscription = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger total = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxTotal = new java.util.concurrent.atomic.AtomicInteger();
        ThreeVms cloud = new ThreeVms() {
            @Override
            public List<Vm> listVms(CloudScope scope) {
                List<Vm> vms = new ArrayList<>();
                for (String sub : List.of("a", "b", "c")) {
                    for (int i = 0; i < 4; i++) {
                        vms.add(new Vm(new VmRef(sub, "rg", sub + i), "eastus", "Standard_D2s_v3", List.of(), null,
                                OsType.LINUX, SecurityType.STANDARD, false, false, Map.of(),
                                new OsDiskRef("/subscriptions/" + sub + "/disk" + i, "d", true, false, 30), null, false, "Succeeded"));
                    }
                }
                return vms;
            }

            @Override
            public OsDisk getDisk(String diskId) {
                String sub = diskId.split("/")[2];
                int now = inFlight.computeIfAbsent(sub, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                maxPerSubscription.add(now);
                maxTotal.accumulateAndGet(total.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                total.decrementAndGet();
                inFlight.get(sub).decrementAndGet();
                return super.getDisk(diskId);
            }
        };
        List<DiscoveredVm> found = new FleetDiscovery(cloud, 8).discover(CloudScope.of(List.of("a", "b", "c"), null), false);
        assertEquals(List.of("a0", "a1", "a2", "a3", "b0", "b1", "b2", "b3", "c0", "c1", "c2", "c3"),
                found.stream().map(DiscoveredVm::name).toList(), "the list order is kept");
        assertEquals(java.util.Set.of(1), maxPerSubscription, "never two reads at once in one subscription");
        org.junit.jupiter.api.Assertions.assertTrue(maxTotal.get() > 1, "subscriptions overlapped: " + maxTotal.get());
    }

    @Test
    void aFailureSurfacesAsTheCloudsOwnException() {
        ThreeVms failing = new ThreeVms() {
            @Override
            public InstanceView getInstanceView(VmRef vm) {
                throw new CloudException("OperationNotAllowed", "no", 409, "rid", null);
            }
        };
        CloudException e = org.junit.jupiter.api.Assertions.assertThrows(CloudException.class,
                () -> new FleetDiscovery(failing, 8).discover(CloudScope.of(List.of("s1"), null), false));
        assertEquals("rid", e.requestId());
    }
}
