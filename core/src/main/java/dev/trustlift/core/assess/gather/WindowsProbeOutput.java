package dev.trustlift.core.assess.gather;

import dev.trustlift.core.guest.ScriptSections;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.PartitionSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Windows probe's sections, each a {@code ConvertTo-Json} of the Storage and BitLocker
 * cmdlets' objects: Get-Disk (PartitionStyle "MBR"/"GPT", or its number 1/2), Get-Partition
 * (MbrType a number, GptType "{c12a7328-...}", DriveLetter "C" or "\u0000"), Get-Volume,
 * Get-PartitionSupportedSize and Get-BitLockerVolume (enums as numbers, as Windows PowerShell
 * serialises them, or as names).
 */
final class WindowsProbeOutput {
    private static final long MIB = 1024 * 1024;

    private WindowsProbeOutput() {
    }

    static GuestFacts parse(ScriptSections s) {
        List<JsonNode> disks = s.objects(GuestProbe.GET_DISK);
        if (disks.isEmpty()) {
            throw new IllegalArgumentException("Get-Disk printed no disk");
        }
        JsonNode disk = disks.get(0);
        List<JsonNode> partitions = s.objects(GuestProbe.GET_PARTITION);
        JsonNode c = partitions.stream().filter(p -> driveLetter(p.get("DriveLetter")) == 'C').findFirst().orElse(null);
        DiskLayout layout = layout(disk, partitions);
        JsonNode volume = s.objects(GuestProbe.GET_VOLUME).stream().findFirst().orElse(null);
        Long free = volume == null || !volume.path("SizeRemaining").canConvertToLong() ? null
                : volume.get("SizeRemaining").asLong() / MIB;
        JsonNode supported = s.objects(GuestProbe.SUPPORTED_SIZE).stream().findFirst().orElse(null);
        Long unmovable = null;
        if (free != null && c != null && supported != null && supported.path("SizeMin").canConvertToLong()) {
            long shrinkable = Math.max(0, c.path("Size").asLong() - supported.get("SizeMin").asLong()) / MIB;
            unmovable = Math.max(0, free - shrinkable);
        }
        Integer number = disk.path("Number").canConvertToInt() ? disk.get("Number").asInt() : null;
        return new GuestFacts(bitLocker(s), layout, free, unmovable, null, null, number);
    }

    private static DiskLayout layout(JsonNode disk, List<JsonNode> partitions) {
        String style = text(disk.get("PartitionStyle"), "0", "RAW", "1", "MBR", "2", "GPT").toUpperCase(Locale.ROOT);
        if (!style.equals("MBR") && !style.equals("GPT")) {
            throw new IllegalArgumentException("Get-Disk: PartitionStyle '" + style + "' is neither MBR nor GPT");
        }
        boolean gpt = style.equals("GPT");
        int sectorSize = disk.path("LogicalSectorSize").asInt(512);
        List<PartitionSummary> parts = new ArrayList<>();
        List<long[]> containers = new ArrayList<>();
        for (JsonNode p : partitions) {
            if (!gpt && isContainer(p.path("MbrType").asInt(-1))) {
                containers.add(new long[] {p.path("Offset").asLong(), p.path("Offset").asLong() + p.path("Size").asLong()});
            }
        }
        for (JsonNode p : partitions) {
            long offset = p.path("Offset").asLong();
            String type = gpt ? ProbeOutput.gptType(p.path("GptType").asText("")) : ProbeOutput.mbrType(p.path("MbrType").asInt());
            boolean container = !gpt && isContainer(p.path("MbrType").asInt(-1));
            // MSFT_Partition has no primary/logical member: a logical partition is one inside the extended
            boolean logical = !container && containers.stream().anyMatch(e -> offset >= e[0] && offset < e[1]);
            boolean os = driveLetter(p.get("DriveLetter")) == 'C';
            parts.add(new PartitionSummary(p.path("PartitionNumber").asInt(), type, offset / sectorSize,
                    p.path("Size").asLong() / sectorSize, p.path("IsActive").asBoolean(false), logical, os, os ? "C:" : null));
        }
        return new DiskLayout(gpt ? DiskLayout.Style.GPT : DiskLayout.Style.MBR, sectorSize,
                disk.path("Size").asLong() / sectorSize, parts);
    }

    /**
     * Protection On is ON; off but not fully decrypted is SUSPENDED (still encrypted, MBR2GPT may
     * go on); the cmdlet's absence means the feature is not installed, so nothing is encrypted.
     */
    private static BitLockerState bitLocker(ScriptSections s) {
        if (s.has(GuestProbe.NO_BITLOCKER)) {
            return BitLockerState.OFF;
        }
        JsonNode v = s.objects(GuestProbe.BITLOCKER).stream().findFirst().orElse(null);
        if (v == null) {
            return BitLockerState.UNKNOWN;
        }
        String protection = text(v.get("ProtectionStatus"), "0", "Off", "1", "On", "2", "Unknown");
        String status = text(v.get("VolumeStatus"), "0", "FullyDecrypted", "1", "FullyEncrypted");
        if (protection.equalsIgnoreCase("On")) {
            return BitLockerState.ON;
        }
        if (protection.equalsIgnoreCase("Off")) {
            return status.equalsIgnoreCase("FullyDecrypted") ? BitLockerState.OFF : BitLockerState.SUSPENDED;
        }
        return BitLockerState.UNKNOWN;
    }

    /** An enum as ConvertTo-Json gives it: its name, or its number mapped by {@code numberThenName} pairs. */
    private static String text(JsonNode value, String... numberThenName) {
        if (value == null || value.isNull()) {
            return "";
        }
        String raw = value.asText();
        for (int i = 0; i + 1 < numberThenName.length; i += 2) {
            if (value.isNumber() && raw.equals(numberThenName[i])) {
                return numberThenName[i + 1];
            }
        }
        return value.isNumber() ? "#" + raw : raw;
    }

    /** A [char] serialises as a one-letter string ("C", "\u0000" for none) or, in some versions, its code. */
    private static char driveLetter(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return (char) value.asInt();
        }
        String t = value.asText();
        return t.isEmpty() ? 0 : Character.toUpperCase(t.charAt(0));
    }

    private static boolean isContainer(int mbrType) {
        return mbrType == 0x05 || mbrType == 0x0F || mbrType == 0x85;
    }
}
