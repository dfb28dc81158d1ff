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
 * The Linux probe's sections: {@code sfdisk --json} (types as GUIDs on GPT, hex such as "83" or
 * "5" on dos), {@code lsblk -J} (the disk's size, and which partition holds an LVM or other mapped
 * root), {@code findmnt -J} for / and /boot/efi, {@code df -Pm /} and the active lines of /etc/fstab.
 */
final class LinuxProbeOutput {
    private static final String ESP_MOUNT = "/boot/efi";

    private LinuxProbeOutput() {
    }

    static GuestFacts parse(ScriptSections s) {
        JsonNode table = s.json(GuestProbe.SFDISK);
        if (table == null || !table.path("partitiontable").isObject()) {
            throw new IllegalArgumentException("sfdisk --json printed no partition table");
        }
        JsonNode lsblk = s.json(GuestProbe.LSBLK);
        String rootSource = source(s.json(GuestProbe.FINDMNT + " /"));
        String espSource = source(s.json(GuestProbe.FINDMNT + " " + ESP_MOUNT));
        DiskLayout layout = layout(table.path("partitiontable"), lsblk, rootSource, espSource);
        List<String[]> fstab = s.lines(GuestProbe.FSTAB).stream().map(l -> l.split("\\s+")).filter(f -> f.length >= 2).toList();
        boolean fstabRead = s.has(GuestProbe.FSTAB);
        Boolean espInFstab = fstabRead ? fstab.stream().anyMatch(f -> f[1].equals(ESP_MOUNT)) : null;
        Boolean partuuidRoot = fstabRead ? fstab.stream().filter(f -> f[1].equals("/")).findFirst()
                .map(f -> f[0].toUpperCase(Locale.ROOT).startsWith("PARTUUID=")).orElse(false) : null;
        return new GuestFacts(BitLockerState.UNKNOWN, layout, freeMb(s.lines(GuestProbe.DF)), null, espInFstab, partuuidRoot);
    }

    private static DiskLayout layout(JsonNode pt, JsonNode lsblk, String rootSource, String espSource) {
        boolean gpt = pt.path("label").asText().equals("gpt");
        if (!gpt && !pt.path("label").asText().equals("dos")) {
            throw new IllegalArgumentException("sfdisk --json: partition table label '" + pt.path("label").asText()
                    + "' is neither dos nor gpt");
        }
        String device = pt.path("device").asText();
        JsonNode disk = lsblk == null ? null : find(lsblk.path("blockdevices"), device, new ArrayList<>());
        int sectorSize = pt.path("sectorsize").asInt(disk == null ? 512 : disk.path("log-sec").asInt(512));
        if (disk == null || !disk.path("size").canConvertToLong()) {
            throw new IllegalArgumentException("lsblk -J did not list " + device + " with its size");
        }
        long sectors = disk.path("size").asLong() / sectorSize;
        String rootPart = partitionUnder(lsblk, rootSource);
        String espPart = partitionUnder(lsblk, espSource);
        List<PartitionSummary> parts = new ArrayList<>();
        for (JsonNode p : pt.path("partitions")) {
            String node = p.path("node").asText();
            int number = trailingNumber(node);
            String type = gpt ? ProbeOutput.gptType(p.path("type").asText()) : ProbeOutput.mbrType(hex(p.path("type").asText()));
            boolean os = node.equals(rootPart);
            parts.add(new PartitionSummary(number, type, p.path("start").asLong(), p.path("size").asLong(),
                    p.path("bootable").asBoolean(false), !gpt && number >= 5, os,
                    os ? "/" : node.equals(espPart) ? ESP_MOUNT : null));
        }
        return new DiskLayout(gpt ? DiskLayout.Style.GPT : DiskLayout.Style.MBR, sectorSize, sectors, parts);
    }

    /** The partition a device lives on: itself, or the nearest "part" above it in lsblk's tree (LVM, dm-crypt). */
    private static String partitionUnder(JsonNode lsblk, String source) {
        if (source == null || lsblk == null) {
            return null;
        }
        List<JsonNode> path = new ArrayList<>();
        if (find(lsblk.path("blockdevices"), source, path) == null) {
            return source;
        }
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).path("type").asText().equals("part")) {
                return path.get(i).path("name").asText();
            }
        }
        return null;
    }

    /** Depth-first search of lsblk's tree by name; {@code path} ends with the node found and holds its ancestors. */
    private static JsonNode find(JsonNode devices, String name, List<JsonNode> path) {
        for (JsonNode d : devices) {
            path.add(d);
            if (d.path("name").asText().equals(name)) {
                return d;
            }
            JsonNode below = find(d.path("children"), name, path);
            if (below != null) {
                return below;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    private static String source(JsonNode findmnt) {
        if (findmnt == null) {
            return null;
        }
        JsonNode fs = findmnt.path("filesystems").path(0);
        return fs.hasNonNull("source") ? fs.get("source").asText() : null;
    }

    /** {@code df -Pm /}: the second line's fourth column is the space available, in MiB. */
    private static Long freeMb(List<String> df) {
        if (df.size() < 2) {
            return null;
        }
        String[] f = df.get(1).split("\\s+");
        try {
            return f.length >= 4 ? Long.parseLong(f[3]) : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("df -Pm /: available '" + f[3] + "' is not a number");
        }
    }

    private static int hex(String type) {
        String t = type.trim().toLowerCase(Locale.ROOT);
        try {
            return Integer.parseInt(t.startsWith("0x") ? t.substring(2) : t, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sfdisk --json: dos partition type '" + type + "' is not hex");
        }
    }

    private static int trailingNumber(String node) {
        int i = node.length();
        while (i > 0 && Character.isDigit(node.charAt(i - 1))) {
            i--;
        }
        if (i == node.length()) {
            throw new IllegalArgumentException("sfdisk --json: partition node '" + node + "' has no number");
        }
        return Integer.parseInt(node.substring(i));
    }
}
