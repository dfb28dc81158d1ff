package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Writes realistic fleets for `trustlift sandbox generate`: a mix of Windows and Linux, sizes with
 * and without Trusted Launch, disk layouts that MBR2GPT accepts and some it does not, backups,
 * encryption, ASR, locks, stopped VMs, unready agents, and some VMs already on Gen2 or TL.
 * The same count and seed give the same fleet.
 */
public final class FleetGenerator {
    static final String TL_FEATURE = "Microsoft.Compute/Gen1ToTLMigrationPreview";
    private static final int VMS_PER_SUBSCRIPTION = 2500;
    private static final int VMS_PER_GROUP = 20;
    private static final String[] LOCATIONS = {"eastus", "eastus", "eastus", "eastus", "westeurope", "westeurope",
            "westeurope", "westus2", "westus2", "northeurope"};
    private static final Object[][] SIZES = {
            {"Standard_D2s_v3", 25}, {"Standard_D4s_v3", 15}, {"Standard_D2s_v5", 10}, {"Standard_D4s_v5", 8},
            {"Standard_D2as_v5", 6}, {"Standard_E2s_v5", 6}, {"Standard_B2s", 8}, {"Standard_F2s_v2", 5},
            {"Standard_A2_v2", 5}, {"Standard_D2_v2", 5}, {"Standard_D3_v2", 3}, {"Standard_M8ms", 2},
            {"Standard_NC6s_v3", 1}};
    private static final String[] APPS = {"web", "api", "sql", "app", "batch", "file", "dc", "jump", "etl", "cache"};
    private static final String[] ENVS = {"prod", "test", "dev", "uat"};

    private final Random random;

    private FleetGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static Fleet generate(int vms, long seed) {
        if (vms < 0) {
            throw new IllegalArgumentException("--vms must be 0 or more, not " + vms);
        }
        return new FleetGenerator(seed).build(vms);
    }

    private Fleet build(int count) {
        int subCount = Math.max(1, (count + VMS_PER_SUBSCRIPTION - 1) / VMS_PER_SUBSCRIPTION);
        List<SubscriptionSpec> subs = new ArrayList<>();
        for (int i = 0; i < subCount; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            String state = i % 3 == 0 ? "NotRegistered" : i % 3 == 1 ? "Registered" : "Registering";
            subs.add(new SubscriptionSpec(id, "fleet-sub-" + (i + 1), Map.of(TL_FEATURE, state), null,
                    JsonNodeFactory.instance.textNode("azure"), null, null));
        }
        List<VmSpec> vms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vms.add(vm(i, subs.get(i % subCount).id()));
        }
        return new Fleet(0.001, subs, JsonNodeFactory.instance.textNode("builtin"), vms);
    }

    private VmSpec vm(int index, String subscription) {
        OsCatalog.Os os = pickOs();
        String app = APPS[random.nextInt(APPS.length)];
        String env = ENVS[random.nextInt(ENVS.length)];
        String rg = "rg-" + app + "-" + env + "-" + (index / VMS_PER_GROUP / APPS.length + 1);
        String name = app + "-" + env + "-" + String.format("%05d", index);
        String location = LOCATIONS[random.nextInt(LOCATIONS.length)];
        String size = pickSize();
        boolean availabilitySet = chance(15);
        List<String> zones = !availabilitySet && chance(50) ? List.of(String.valueOf(1 + random.nextInt(3))) : null;
        String power = chance(85) ? "running" : chance(33) ? "stopped" : "deallocated";
        String agent = chance(93) ? "Ready" : chance(70) ? "NotReady" : "Unknown";
        int roll = random.nextInt(100);
        boolean trustedLaunch = roll < 4 && !size.equals("Standard_A2_v2") && !size.startsWith("Standard_D2_v2")
                && !size.startsWith("Standard_D3_v2") && !size.equals("Standard_M8ms");
        boolean gen2Standard = !trustedLaunch && roll >= 4 && roll < 8 && !size.endsWith("_v2") && !size.equals("Standard_A2_v2");
        String generation = trustedLaunch || gen2Standard ? "V2" : "V1";
        String layout = layout(os, generation);
        String encryption = os.windows() && chance(3) ? "ade" : chance(5) ? "sse-cmk" : "none";
        int sizeGb = os.windows() ? (chance(80) ? 127 : chance(50) ? 256 : 512) : (chance(70) ? 30 : chance(50) ? 64 : 128);
        boolean noRoom = os.windows() && layout.equals("windows-azure-default") && chance(7);
        GuestSpec guest = os.windows()
                ? new GuestSpec(null, chance(3) ? "on" : "off", noRoom ? 60 + random.nextInt(30) : 5000 + random.nextInt(60000),
                        unmovableTail(noRoom), null)
                : new GuestSpec(null, null, 2000 + random.nextInt(20000), null, chance(30));
        BackupSpec backup = chance(60) ? null : new BackupSpec(chance(37) ? "Standard" : "Enhanced");
        List<String> locks = chance(2) ? List.of("ReadOnly") : chance(5) ? List.of("CanNotDelete") : List.of();
        List<ExtensionSpec> extensions = chance(50) ? List.of(os.windows()
                ? new ExtensionSpec("Microsoft.Azure.Monitor", "AzureMonitorWindowsAgent", "AzureMonitorWindowsAgent")
                : new ExtensionSpec("Microsoft.Azure.Monitor", "AzureMonitorLinuxAgent", "AzureMonitorLinuxAgent")) : List.of();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("env", env);
        tags.put("app", app);
        if (chance(60)) {
            tags.put("owner", "team-" + (char) ('a' + random.nextInt(6)));
        }
        OsDiskSpec disk = new OsDiskSpec(name + "_OsDisk_1", sizeGb, true, chance(2), generation, os.image(), encryption,
                JsonNodeFactory.instance.textNode(layout), null);
        return new VmSpec(subscription, rg, name, location, size, zones,
                availabilitySet ? "avset-" + app + "-" + env : null, os.osType(), os.osName(), os.osVersion(), power, agent,
                trustedLaunch ? "TrustedLaunch" : null, disk, backup, chance(3), !os.windows() && chance(1), locks,
                extensions, tags, guest, null, null, null);
    }

    /** Some C: volumes hold files at their end that block shrinking until defragmented. */
    private Integer unmovableTail(boolean noRoom) {
        if (noRoom || !chance(10)) {
            return null;
        }
        return 2000 + random.nextInt(20000);
    }

    private String layout(OsCatalog.Os os, String generation) {
        if (os.windows()) {
            if (generation.equals("V2")) {
                return "windows-azure-gpt";
            }
            int r = random.nextInt(100);
            return r < 8 ? "windows-4-partitions" : r < 13 ? "windows-extended" : "windows-azure-default";
        }
        return generation.equals("V1") && chance(20) ? "linux-mbr-custom" : "linux-azure-gpt";
    }

    private OsCatalog.Os pickOs() {
        int total = OsCatalog.ALL.stream().mapToInt(OsCatalog.Os::weight).sum();
        int r = random.nextInt(total);
        for (OsCatalog.Os os : OsCatalog.ALL) {
            r -= os.weight();
            if (r < 0) {
                return os;
            }
        }
        throw new IllegalStateException("weights");
    }

    private String pickSize() {
        int total = 0;
        for (Object[] s : SIZES) {
            total += (Integer) s[1];
        }
        int r = random.nextInt(total);
        for (Object[] s : SIZES) {
            r -= (Integer) s[1];
            if (r < 0) {
                return (String) s[0];
            }
        }
        throw new IllegalStateException("weights");
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }
}
