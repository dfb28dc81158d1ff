package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A VM size in one location, with ARM's capability names (HyperVGenerations, TrustedLaunchDisabled, ...)
 * and ARM's restriction objects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SkuSpec(String name, String location, String family, Map<String, String> capabilities,
                      List<SkuRestriction> restrictions) {
}
