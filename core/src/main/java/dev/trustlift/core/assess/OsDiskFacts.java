package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.ImageRef;
import java.util.Objects;

/**
 * The OS disk as the rules see it, merged from the VM model's disk reference and the disk
 * resource.
 *
 * @param generation the disk's hyperVGeneration; UNKNOWN when ARM does not say (unmanaged disks of
 *     deallocated VMs), which rules treat as possibly Gen1, never as known Gen1
 * @param image where the disk came from, or null when the VM was created from an attached disk
 * @param sizeGb 0 when unknown
 */
public record OsDiskFacts(String name, boolean managed, boolean ephemeral, HyperVGeneration generation,
                          DiskEncryption encryption, ImageRef image, int sizeGb) {
    public OsDiskFacts {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(encryption, "encryption");
    }

    public boolean hasMarketplaceImage() {
        return image != null && image.publisher() != null;
    }
}
