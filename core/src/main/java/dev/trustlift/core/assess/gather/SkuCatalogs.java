package dev.trustlift.core.assess.gather;

import dev.trustlift.core.assess.Sku;
import dev.trustlift.core.assess.SkuCatalog;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.ResourceSku;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SKU list, fetched once per subscription and location (restrictions are per subscription)
 * however many VMs ask, also when they ask at the same time.
 */
final class SkuCatalogs {
    private final Cloud cloud;
    private final Map<String, SkuCatalog> cache = new ConcurrentHashMap<>();

    SkuCatalogs(Cloud cloud) {
        this.cloud = cloud;
    }

    SkuCatalog catalog(String subscription, String location) {
        String key = (subscription + "/" + location).toLowerCase(Locale.ROOT);
        return cache.computeIfAbsent(key, k -> new SkuCatalog(location,
                cloud.listSkus(subscription, location).stream().map(SkuCatalogs::sku).toList()));
    }

    static Sku sku(ResourceSku s) {
        Map<String, String> caps = s.capabilities();
        String restriction = s.availableForSubscription() ? null : "NotAvailableForSubscription";
        return new Sku(s.name(), s.location(), s.hyperVGenerations(), s.trustedLaunchDisabled(), (int) number(caps.get("vCPUs")),
                number(caps.get("MemoryGB")), caps.getOrDefault("CpuArchitectureType", "x64"),
                "true".equalsIgnoreCase(caps.get("PremiumIO")), restriction);
    }

    private static double number(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
