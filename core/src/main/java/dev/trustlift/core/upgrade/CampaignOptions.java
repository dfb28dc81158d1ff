package dev.trustlift.core.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code trustlift upgrade} was asked, kept as the campaign's {@code options_json} so
 * that {@code resume} runs the campaign exactly as it was started (the same parallelism, guest
 * timeout and per-VM defaults), without the operator repeating a flag.
 *
 * @param command {@code upgrade}, or {@code rollback} for a campaign that undoes one VM's upgrade
 * @param vmsFile the --vms file as given (for the report; the VMs themselves are the campaign's rows)
 * @param secureBoot --secure-boot; null when not given
 * @param rollbackOf for a rollback campaign, the campaign whose restore point it restores; else null
 */
public record CampaignOptions(String command, List<String> subscriptions, String resourceGroup, Map<String, String> tags,
                              String vmsFile, Boolean secureBoot, boolean startStopped, MakeRoom makeRoom,
                              int maxParallel, Duration guestTimeout, String rollbackOf) {
    public static final String UPGRADE = "upgrade";
    public static final String ROLLBACK = "rollback";
    public static final int DEFAULT_MAX_PARALLEL = 5;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public CampaignOptions {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        makeRoom = makeRoom == null ? MakeRoom.SHRINK : makeRoom;
        guestTimeout = guestTimeout == null ? Timing.defaults().guestTimeout() : guestTimeout;
        if (maxParallel < 1) {
            throw new IllegalArgumentException("--max-parallel must be at least 1, got " + maxParallel);
        }
        if (!UPGRADE.equals(command) && !ROLLBACK.equals(command)) {
            throw new IllegalArgumentException("a campaign is an upgrade or a rollback, not " + command);
        }
    }

    /** The options a VM of the campaign gets when its VM list says nothing about it. */
    public VmOptions vmDefaults() {
        return new VmOptions(secureBoot, startStopped, makeRoom);
    }

    /** The options of one VM: the VM list's enableSecureBoot wins over --secure-boot. */
    public VmOptions forVm(Boolean listedSecureBoot) {
        return new VmOptions(listedSecureBoot != null ? listedSecureBoot : secureBoot, startStopped, makeRoom);
    }

    public Timing timing() {
        return Timing.defaults().withGuestTimeout(guestTimeout);
    }

    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("command", command);
        subscriptions.forEach(n.putArray("subscriptions")::add);
        n.put("resourceGroup", resourceGroup);
        ObjectNode t = n.putObject("tags");
        tags.forEach(t::put);
        n.put("vmsFile", vmsFile);
        if (secureBoot == null) {
            n.putNull("secureBoot");
        } else {
            n.put("secureBoot", secureBoot);
        }
        n.put("startStopped", startStopped);
        n.put("makeRoom", makeRoom.cliName());
        n.put("maxParallel", maxParallel);
        n.put("guestTimeout", guestTimeout.toString());
        n.put("rollbackOf", rollbackOf);
        return n.toString();
    }

    public static CampaignOptions fromJson(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            List<String> subscriptions = new ArrayList<>();
            n.path("subscriptions").forEach(s -> subscriptions.add(s.asText()));
            Map<String, String> tags = new LinkedHashMap<>();
            n.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
            return new CampaignOptions(n.path("command").asText(UPGRADE), subscriptions, text(n, "resourceGroup"), tags,
                    text(n, "vmsFile"), n.hasNonNull("secureBoot") ? n.get("secureBoot").asBoolean() : null,
                    n.path("startStopped").asBoolean(false),
                    n.hasNonNull("makeRoom") ? MakeRoom.parse(n.get("makeRoom").asText()) : MakeRoom.SHRINK,
                    n.path("maxParallel").asInt(DEFAULT_MAX_PARALLEL),
                    n.hasNonNull("guestTimeout") ? Duration.parse(n.get("guestTimeout").asText()) : null,
                    text(n, "rollbackOf"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the campaign's options_json is not what trustlift upgrade writes: " + json, e);
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
