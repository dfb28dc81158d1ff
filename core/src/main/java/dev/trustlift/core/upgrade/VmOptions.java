package dev.trustlift.core.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One VM's upgrade options, journaled with the VM ({@code campaign_vm.options_json}) so resume runs
 * it the same way.
 *
 * @param secureBoot Secure Boot as the VM list or {@code --secure-boot} asked; null when neither
 *        said, and then it is on unless TL083 (unsigned drivers) turns it off with a warning
 * @param startStopped start a deallocated VM for the guest steps ({@code --start-stopped})
 */
public record VmOptions(Boolean secureBoot, boolean startStopped, MakeRoom makeRoom) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The assess rule that asks for Secure Boot off (contracts/assessment.md). */
    public static final String SECURE_BOOT_OFF_RULE = "TL083";

    public VmOptions {
        makeRoom = makeRoom == null ? MakeRoom.SHRINK : makeRoom;
    }

    /**
     * The Secure Boot this VM gets: as the VM list or --secure-boot asked; when neither said, on (as
     * Microsoft recommends) unless TL083 found a guest that usually needs it off.
     */
    public boolean secureBootFor(List<Finding> findings) {
        if (secureBoot != null) {
            return secureBoot;
        }
        return findings.stream().noneMatch(f -> SECURE_BOOT_OFF_RULE.equals(f.rule()));
    }

    public static VmOptions defaults() {
        return new VmOptions(null, false, MakeRoom.SHRINK);
    }

    public String toJson() {
        ObjectNode n = MAPPER.createObjectNode();
        if (secureBoot != null) {
            n.put("secureBoot", secureBoot);
        }
        n.put("startStopped", startStopped);
        n.put("makeRoom", makeRoom.cliName());
        return n.toString();
    }

    public static VmOptions fromJson(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            Boolean secureBoot = n.hasNonNull("secureBoot") ? n.get("secureBoot").asBoolean() : null;
            return new VmOptions(secureBoot, n.path("startStopped").asBoolean(false),
                    n.hasNonNull("makeRoom") ? MakeRoom.parse(n.get("makeRoom").asText()) : MakeRoom.SHRINK);
        } catch (IOException e) {
            throw new UncheckedIOException("campaign_vm.options_json is not a JSON object", e);
        }
    }
}
