package dev.trustlift.core.assess;

import java.util.Comparator;
import java.util.List;

/**
 * Picks Trusted Launch capable sizes to resize to: same location, usable by the subscription,
 * at least the current vCPUs and memory, same CPU architecture, Premium SSD support kept, closest
 * first. Burstable (B) sizes are offered only to VMs that are burstable already: their CPU credits
 * would change how a steady workload runs. The live SKU list is the authority; nothing here
 * knows size names by heart.
 */
public final class SizeAdvisor {
    public static final int MAX_SUGGESTIONS = 3;

    public List<Sku> suggest(Sku current, SkuCatalog catalog) {
        if (current == null || catalog == null) {
            return List.of();
        }
        SizeName currentName = SizeName.parse(current.name());
        return catalog.skus().stream()
                .filter(s -> !s.name().equalsIgnoreCase(current.name()))
                .filter(s -> s.location() == null || current.location() == null || s.location().equalsIgnoreCase(current.location()))
                .filter(Sku::trustedLaunchCapable)
                .filter(s -> !s.restricted())
                .filter(s -> s.architecture().equalsIgnoreCase(current.architecture()))
                .filter(s -> s.vCpus() >= current.vCpus() && s.memoryGb() >= current.memoryGb())
                .filter(s -> s.premiumIo() || !current.premiumIo())
                .filter(s -> currentName.burstable() || !SizeName.parse(s.name()).burstable())
                .sorted(Comparator.comparingDouble((Sku s) -> distance(current, s))
                        .thenComparing(s -> SizeName.parse(s.name()).family().equals(currentName.family()) ? 0 : 1)
                        .thenComparing(Sku::name))
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    /**
     * Suggestions for a size the location's SKU list does not offer (retired sizes), so its vCPUs
     * and memory are not in the list: the vCPU count its name carries is the floor when there is
     * one, memory is unknown (no floor), and premium storage is not assumed.
     */
    public List<Sku> suggestForUnlisted(String size, String location, SkuCatalog catalog) {
        Integer cpus = SizeName.vCpuHint(size);
        Sku known = new Sku(size, location, java.util.Set.of(), false, cpus == null ? 0 : cpus, 0, "x64", false, null);
        return suggest(known, catalog);
    }

    /** Relative growth in vCPUs plus relative growth in memory: 0 for an identical shape. */
    private static double distance(Sku current, Sku candidate) {
        double cpu = (candidate.vCpus() - current.vCpus()) / (double) Math.max(1, current.vCpus());
        double mem = (candidate.memoryGb() - current.memoryGb()) / Math.max(0.5, current.memoryGb());
        return cpu + mem;
    }
}
