package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.HyperVGeneration;
import java.util.Objects;
import java.util.Set;

/**
 * One VM size as the resource SKU list offers it in one location, with the capabilities the
 * rules need.
 *
 * @param hyperVGenerations capability HyperVGenerations ("V1,V2" becomes {V1, V2})
 * @param trustedLaunchDisabled capability TrustedLaunchDisabled (absent means false)
 * @param architecture capability CpuArchitectureType ("x64" or "Arm64")
 * @param premiumIo capability PremiumIO: the size can attach Premium SSDs
 * @param restriction why the subscription may not use it here (NotAvailableForSubscription ...), or null
 */
public record Sku(String name, String location, Set<HyperVGeneration> hyperVGenerations, boolean trustedLaunchDisabled,
                  int vCpus, double memoryGb, String architecture, boolean premiumIo, String restriction) {

    public Sku {
        Objects.requireNonNull(name, "name");
        hyperVGenerations = Set.copyOf(hyperVGenerations);
        architecture = architecture == null ? "x64" : architecture;
    }

    /** The rule of the official script: Gen2 capable and Trusted Launch not disabled for the size. */
    public boolean trustedLaunchCapable() {
        return hyperVGenerations.contains(HyperVGeneration.V2) && !trustedLaunchDisabled;
    }

    public boolean restricted() {
        return restriction != null;
    }

    /** "V1,V2" as the SKU API writes it. */
    public String generationsText() {
        return hyperVGenerations.stream().map(Enum::name).sorted().reduce((a, b) -> a + "," + b).orElse("");
    }
}
