package dev.trustlift.core.assess;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The VM sizes offered in one location to one subscription. Fetched once per location and
 * shared by every VM there, so a fleet of thousands costs one SKU call per region.
 */
public final class SkuCatalog {
    private final String location;
    private final Map<String, Sku> byName = new LinkedHashMap<>();

    public SkuCatalog(String location, List<Sku> skus) {
        this.location = location;
        for (Sku sku : skus) {
            byName.putIfAbsent(sku.name().toLowerCase(Locale.ROOT), sku);
        }
    }

    public String location() {
        return location;
    }

    public Optional<Sku> find(String size) {
        return size == null ? Optional.empty() : Optional.ofNullable(byName.get(size.toLowerCase(Locale.ROOT)));
    }

    public List<Sku> skus() {
        return Collections.unmodifiableList(List.copyOf(byName.values()));
    }

    public int size() {
        return byName.size();
    }
}
