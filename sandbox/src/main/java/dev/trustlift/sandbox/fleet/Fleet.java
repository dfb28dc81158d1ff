package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A fleet file (contracts/fleet.md): what the sandbox serves. Parsed strictly, so a misspelt key
 * is an error naming it rather than a silent default.
 *
 * @param skus "builtin" (text node) or an explicit list of {@link SkuSpec}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fleet(Double timeScale, List<SubscriptionSpec> subscriptions, JsonNode skus, List<VmSpec> vms) {

    public double effectiveTimeScale() {
        return timeScale == null ? 1.0 : timeScale;
    }

    /** Reads and validates a fleet file; every problem is a FleetException naming the file. */
    public static Fleet load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return parse(Files.readString(file), file.toString());
    }

    /** Parses and validates fleet JSON; {@code source} names it in messages. */
    public static Fleet parse(String json, String source) {
        Fleet fleet = FleetJson.read(json, source);
        new FleetValidator(source).validate(fleet);
        return fleet;
    }

    /** A copy with another time scale and/or the same throttle for every subscription (null keeps them). */
    public Fleet with(Double newTimeScale, String throttle) {
        List<SubscriptionSpec> subs = throttle == null ? subscriptions : subscriptions.stream()
                .map(s -> s.withThrottle(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(throttle)))
                .toList();
        return new Fleet(newTimeScale == null ? timeScale : newTimeScale, subs, skus, vms);
    }

    /** Parses and checks a list of faults as a fleet's {@code vms[].faults} (for faults armed at run time). */
    public static List<FaultSpec> parseFaults(JsonNode faults, String source) {
        if (faults == null || !faults.isArray()) {
            throw new FleetException(source + ": faults must be a list of fault objects");
        }
        List<FaultSpec> out = new java.util.ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            out.add(FleetJson.convert(faults.get(i), FaultSpec.class, source, "faults[" + i + "]"));
        }
        new FleetValidator(source).validateFaults(out, "faults");
        return out;
    }

    public String toJson() {
        return FleetJson.write(this);
    }
}
