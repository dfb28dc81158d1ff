package dev.trustlift.core.report;

import static dev.trustlift.core.assess.Fixtures.feature;
import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.OsDiskFacts;
import dev.trustlift.core.assess.PartitionSummary;
import dev.trustlift.core.assess.Placement;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.assess.LockFact;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.assess.rules.StandardRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A small mixed fleet that produces every verdict, for renderer tests and the sample report. */
final class SampleFleet {
    static final String HOSTILE_TAG = "<script>alert('x')</script> & \"quoted\", with comma";

    private SampleFleet() {
    }

    static AssessmentReport report() {
        Assessor assessor = new Assessor(StandardRules.all());
        String win2019 = "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest";
        GuestFacts roomy = Fixtures.windowsGuest(Fixtures.windowsDefaultLayout(), 24000, 0);
        List<VmAssessment> vms = List.of(
                assessor.assess(vm("web01", Fixtures.windows()).osDisk(disk("web01", win2019)).guest(roomy).build()),
                assessor.assess(vm("web02", Fixtures.windows()).size("Standard_A2_v2")
                        .os("Windows Server 2022 Datacenter", "10.0.20348.2700").guest(roomy)
                        .placement(new Placement(null, List.of("1"), null)).build()),
                assessor.assess(vm("sql01", Fixtures.windows()).os("Windows Server 2016 Datacenter", "10.0.14393.7259")
                        .backup(new BackupProtection(true, "/subscriptions/" + Fixtures.SUB + "/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod-eus", "DefaultPolicy", BackupProtection.PolicyType.STANDARD))
                        .guest(roomy).build()),
                assessor.assess(vm("app01", Fixtures.windows()).powerState(PowerState.DEALLOCATED)
                        .migrationFeature(feature(FeatureState.Registration.NOT_REGISTERED)).os(null, null)
                        .os("Windows Server 2022 Datacenter", "10.0.20348.2700").build()),
                assessor.assess(vm("files01", Fixtures.windows()).guest(new GuestFacts(BitLockerState.ON, fourPartitions(), 900L,
                                850L, null, null))
                        .locks(List.of(new LockFact("freeze-rg", LockFact.Level.READ_ONLY, LockFact.Scope.RESOURCE_GROUP)))
                        .build()),
                assessor.assess(vm("db01", Fixtures.linux()).guest(new GuestFacts(BitLockerState.UNKNOWN,
                        Fixtures.linuxPlainMbr(0), 8000L, null, false, true)).build()),
                assessor.assess(vm("db02", Fixtures.linux()).os("ubuntu", "22.04").guest(new GuestFacts(BitLockerState.UNKNOWN,
                        Fixtures.linuxAzureGpt(), 12000L, null, true, false)).build()),
                assessor.assess(vm("gpu01", Fixtures.linux()).size("Standard_NC6s_v3").guest(new GuestFacts(
                        BitLockerState.UNKNOWN, Fixtures.linuxAzureGpt(), 12000L, null, true, false)).build()),
                assessor.assess(vm("legacy01", Fixtures.linux()).os("debian", "11").build()),
                assessor.assess(vm("tl01", Fixtures.windows()).securityType(SecurityType.TRUSTED_LAUNCH).build()),
                assessor.assess(vm("lab01", Fixtures.windows()).tags(Map.of("trustlift:exclude", HOSTILE_TAG)).build()),
                assessor.assess(vm("vmss-node3", Fixtures.linux()).placement(new Placement(null, List.of(), "vmss-batch")).build()),
                Assessor.unassessable(new VmRef(Fixtures.SUB, "rg-old", "ghost01"), "VM not found (404 ResourceNotFound)"));
        return AssessmentReport.of(Instant.parse("2026-11-28T12:00:00Z"), vms);
    }

    private static VmFacts.Builder vm(String name, VmFacts.Builder template) {
        VmFacts t = template.build();
        return dev.trustlift.core.assess.VmFactsFixtures.builder(new VmRef(t.ref().subscription(), t.ref().resourceGroup(), name))
                .size(t.size()).osType(t.osType()).os(t.osName(), t.osVersion()).skus(t.skus());
    }

    private static OsDiskFacts disk(String vm, String image) {
        return new OsDiskFacts(vm + "-os", true, false, HyperVGeneration.V1, DiskEncryption.NONE, Fixtures.marketplace(image), 127);
    }

    private static DiskLayout fourPartitions() {
        long total = 127L * 1024 * 2048;
        return new DiskLayout(DiskLayout.Style.MBR, 512, total, List.of(
                new PartitionSummary(1, "07", 2048, 1024000, true, false, false, null),
                new PartitionSummary(2, "07", 1026048, 250_000_000, false, false, true, "C:"),
                new PartitionSummary(3, "27", 251_026_048, 1_024_000, false, false, false, null),
                new PartitionSummary(4, "07", 252_050_048, total - 252_050_048 - 2048, false, false, false, "E:")));
    }
}
