package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.ImageRef;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.HyperVGeneration;
import java.util.List;
import java.util.Set;

/** VMs and SKU lists for rule tests: a plain ready Windows and Linux VM to vary one fact at a time. */
public final class Fixtures {
    public static final String SUB = "11111111-1111-1111-1111-111111111111";
    public static final Set<HyperVGeneration> GEN1 = Set.of(HyperVGeneration.V1);
    public static final Set<HyperVGeneration> BOTH = Set.of(HyperVGeneration.V1, HyperVGeneration.V2);

    private Fixtures() {
    }

    public static FeatureState feature(FeatureState.Registration state) {
        return new FeatureState(VmFacts.MIGRATION_FEATURE, state);
    }

    /** "publisher:offer:sku:version" as a marketplace image reference. */
    public static ImageRef marketplace(String urn) {
        String[] p = urn.split(":");
        return new ImageRef(p[0], p[1], p[2], p[3], null);
    }

    public static Sku sku(String name, Set<HyperVGeneration> gens, boolean tlDisabled, int cpus, double mem, boolean premium) {
        return new Sku(name, "eastus", gens, tlDisabled, cpus, mem, "x64", premium, null);
    }

    /** A small eastus catalog; numbers as the SKU API reports them for these sizes. */
    public static SkuCatalog eastus() {
        return new SkuCatalog("eastus", List.of(
                sku("Standard_A2_v2", GEN1, false, 2, 4, false),
                sku("Standard_D2s_v3", GEN1, false, 2, 8, true),
                sku("Standard_B2s", BOTH, false, 2, 4, true),
                sku("Standard_F2s_v2", BOTH, false, 2, 4, true),
                sku("Standard_D2_v5", BOTH, false, 2, 8, false),
                sku("Standard_D2as_v5", BOTH, false, 2, 8, true),
                sku("Standard_D2s_v5", BOTH, false, 2, 8, true),
                sku("Standard_E2s_v5", BOTH, false, 2, 16, true),
                sku("Standard_D4s_v5", BOTH, false, 4, 16, true),
                sku("Standard_M8ms", BOTH, true, 8, 218.75, true),
                new Sku("Standard_D2ps_v5", "eastus", Set.of(HyperVGeneration.V2), false, 2, 8, "Arm64", true, null),
                new Sku("Standard_D2ds_v5", "eastus", BOTH, false, 2, 8, "x64", true, "NotAvailableForSubscription"),
                sku("Standard_NC6s_v3", BOTH, false, 6, 112, true)));
    }

    public static VmFacts.Builder windows() {
        return VmFactsFixtures.builder(new VmRef(SUB, "rg-app", "web01"))
                .size("Standard_D2s_v5")
                .osType(OsType.WINDOWS)
                .os("Windows Server 2019 Datacenter", "10.0.17763.6054")
                .skus(eastus());
    }

    public static VmFacts.Builder linux() {
        return VmFactsFixtures.builder(new VmRef(SUB, "rg-app", "db01"))
                .size("Standard_D2s_v5")
                .osType(OsType.LINUX)
                .os("ubuntu", "20.04")
                .skus(eastus());
    }

    /** Azure's default Windows layout: 500 MiB active System Reserved, C: up to the last MiB of a 127 GiB disk. */
    public static DiskLayout windowsDefaultLayout() {
        long total = 127L * 1024 * 2048;
        return new DiskLayout(DiskLayout.Style.MBR, 512, total, List.of(
                new PartitionSummary(1, "07", 2048, 1024000, true, false, false, null),
                new PartitionSummary(2, "07", 1026048, total - 2048 - 1026048, false, false, true, "C:")));
    }

    public static GuestFacts windowsGuest(DiskLayout layout, long freeMb, long unmovableTailMb) {
        return new GuestFacts(BitLockerState.OFF, layout, freeMb, unmovableTailMb, null, null);
    }

    /** One ext4 root from sector 2048 to the end of a 30 GiB disk, as custom images often are. */
    public static DiskLayout linuxPlainMbr(long freeTailSectors) {
        long total = 30L * 1024 * 2048;
        return new DiskLayout(DiskLayout.Style.MBR, 512, total, List.of(
                new PartitionSummary(1, "83", 2048, total - 2048 - freeTailSectors, true, false, true, "/")));
    }

    /** Azure's endorsed Ubuntu layout: root #1, BIOS boot #14, ESP #15. */
    public static DiskLayout linuxAzureGpt() {
        long total = 30L * 1024 * 2048;
        return new DiskLayout(DiskLayout.Style.GPT, 512, total, List.of(
                new PartitionSummary(1, "0FC63DAF-8483-4772-8E79-3D69D8477DE4", 227328, total - 227328 - 34, false, false, true, "/"),
                new PartitionSummary(14, PartitionSummary.BIOS_BOOT_GUID, 2048, 8192, false, false, false, null),
                new PartitionSummary(15, PartitionSummary.ESP_GUID, 10240, 217088, false, false, false, "/boot/efi")));
    }
}
