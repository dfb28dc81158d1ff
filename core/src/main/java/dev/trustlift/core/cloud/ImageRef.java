package dev.trustlift.core.cloud;

/**
 * Where the OS disk came from. The upgrade never changes it (a known issue of the official
 * procedure), so it is reported, and assess rules match marketplace images by publisher/offer/sku.
 * Either the marketplace fields or {@code id} (gallery/custom image) are set; all may be null for
 * attached disks.
 */
public record ImageRef(String publisher, String offer, String sku, String version, String id) {

    @Override
    public String toString() {
        if (publisher != null) {
            return publisher + ":" + offer + ":" + sku + ":" + version;
        }
        return id == null ? "" : id;
    }
}
