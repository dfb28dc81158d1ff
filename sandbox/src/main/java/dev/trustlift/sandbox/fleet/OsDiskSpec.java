package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The OS disk. {@code layout} is a preset name, an explicit partition list or {"image": path}
 * (see LayoutSpec). {@code locks}: management locks on the disk itself (a VM's locks do not cover it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OsDiskSpec(String name, Integer sizeGb, Boolean managed, Boolean ephemeral, String hyperVGeneration,
                         String imageReference, String encryption, JsonNode layout, List<String> locks) {
}
