package dev.trustlift.core.guest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.ScriptResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads make-room.ps1's output. Windows PowerShell 5.1's ConvertTo-Json writes a service's
 * StartType (System.ServiceProcess.ServiceStartMode) as a number: Boot 0, System 1, Automatic 2,
 * Manual 3, Disabled 4; PowerShell 7 writes the name. Both are read.
 *
 * @param servicesBefore   vds / defragsvc -> start type before the script (Manual, Disabled, ...)
 * @param servicesAfter    the same after it set Disabled ones to Manual
 * @param defragmented     Optimize-Volume -Defrag ran (Mode defrag)
 * @param sizeMinBytes     Get-PartitionSupportedSize's SizeMin for C: (after any defragmentation)
 * @param sizeBeforeBytes  C:'s size before
 * @param sizeAfterBytes   C:'s size after
 */
public record MakeRoomOutput(Map<String, String> servicesBefore, Map<String, String> servicesAfter, boolean defragmented,
                             long sizeMinBytes, long sizeBeforeBytes, long sizeAfterBytes) {
    static final String SERVICES = "Get-Service vds, defragsvc";
    static final String SERVICES_AFTER = "Get-Service vds, defragsvc (after)";
    static final String DEFRAG = "Optimize-Volume -DriveLetter C -Defrag";
    static final String SUPPORTED = "Get-PartitionSupportedSize -DriveLetter C";
    static final String BEFORE = "Get-Partition -DriveLetter C (before)";
    static final String AFTER = "Get-Partition -DriveLetter C (after)";
    private static final long MIB = 1024 * 1024;
    private static final List<String> START_TYPES = List.of("Boot", "System", "Automatic", "Manual", "Disabled");

    /** MiB C: actually gave up. */
    public long shrunkMb() {
        return (sizeBeforeBytes - sizeAfterBytes) / MIB;
    }

    /** The most C: can shrink by, as Windows reports it. */
    public long shrinkableMb() {
        return Math.max(0, (sizeBeforeBytes - sizeMinBytes) / MIB);
    }

    /** Services the script found Disabled (and set to Manual): the known cause of "Cannot find room". */
    public List<String> servicesEnabled() {
        return servicesBefore.entrySet().stream().filter(e -> e.getValue().equals("Disabled")
                && !"Disabled".equals(servicesAfter.get(e.getKey()))).map(Map.Entry::getKey).toList();
    }

    public static MakeRoomOutput parse(ScriptResult result) {
        ScriptSections s = ScriptSections.of(result.stdout());
        if (!s.has(AFTER)) {
            throw new IllegalArgumentException("make-room did not finish (no '" + AFTER + "' section): "
                    + result.stderr().strip());
        }
        JsonNode supported = one(s, SUPPORTED);
        return new MakeRoomOutput(services(s, SERVICES), services(s, SERVICES_AFTER), s.has(DEFRAG),
                supported.path("SizeMin").asLong(), one(s, BEFORE).path("Size").asLong(), one(s, AFTER).path("Size").asLong());
    }

    private static JsonNode one(ScriptSections s, String name) {
        List<JsonNode> objects = s.objects(name);
        if (objects.size() != 1) {
            throw new IllegalArgumentException("make-room's '" + name + "' section holds " + objects.size() + " objects, not 1");
        }
        return objects.get(0);
    }

    private static Map<String, String> services(ScriptSections s, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode o : s.objects(name)) {
            JsonNode t = o.path("StartType");
            String type = t.isNumber() && t.asInt() >= 0 && t.asInt() < START_TYPES.size() ? START_TYPES.get(t.asInt()) : t.asText();
            out.put(o.path("Name").asText(), type);
        }
        return out;
    }
}
