package dev.trustlift.core.assess;

import java.util.Objects;

/**
 * The OS disk as ARM describes it.
 *
 * @param imageReference "publisher:offer:sku:version" for a marketplace image, a gallery/image
 *     resource id for a custom one, or null when the VM was created from an attached disk
 */
public record OsDisk(String name, boolean managed, boolean ephemeral, HyperVGeneration generation,
                     DiskEncryption encryption, String imageReference, int sizeGb) {
    public OsDisk {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(encryption, "encryption");
    }

    /** Marketplace references are "publisher:offer:sku:version"; gallery and managed images are resource ids. */
    public boolean hasMarketplaceImage() {
        return imageReference != null && !imageReference.startsWith("/") && imageReference.split(":").length == 4;
    }
}
