package dev.trustlift.sandbox.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.sandbox.guest.DiskLayout.Part;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What util-linux and coreutils print on the simulated Linux guest, computed from its disk: the
 * OS disk is /dev/sda, partition N is /dev/sdaN, the root file system (ext4) is on the largest
 * partition and the ESP (vfat) is mounted at /boot/efi when the disk has one. JSON as
 * util-linux 2.38 prints it (member names and types; indentation is not reproduced).
 */
final class LinuxCommands {
    static final String DISK = "/dev/sda";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1024 * 1024;

    private final DiskLayout disk;
    private final GuestState guest;

    LinuxCommands(DiskLayout disk, GuestState guest) {
        this.disk = disk;
        this.guest = guest;
    }

    /** {@code sfdisk --json DEVICE}: types as sfdisk prints them, hex without leading zeros on dos, GUIDs on gpt. */
    List<String> sfdiskJson() {
        boolean gpt = disk.scheme() == DiskLayout.Scheme.GPT;
        ObjectNode root = JSON.createObjectNode();
        ObjectNode pt = root.putObject("partitiontable");
        pt.put("label", gpt ? "gpt" : "dos");
        pt.put("id", gpt ? "0B5C1F7E-3A6D-4E43-9D2F-6C1A8E2B7D40" : "0x5f3b2a91");
        pt.put("device", DISK);
        pt.put("unit", "sectors");
        if (gpt) {
            pt.put("firstlba", 34);
            pt.put("lastlba", disk.sectors() - 34);
        }
        pt.put("sectorsize", disk.sectorSize());
        ArrayNode parts = pt.putArray("partitions");
        for (Part p : byNumber()) {
            ObjectNode o = parts.addObject();
            o.put("node", DISK + p.number());
            o.put("start", p.start());
            o.put("size", p.sectors());
            o.put("type", gpt ? guid(p.type()) : Integer.toHexString(Integer.parseInt(p.type(), 16)));
            if (gpt) {
                o.put("uuid", String.format("5F3B2A91-%04X-4C5E-8F9A-0B1C2D3E4F50", p.number()));
            } else if (p.active()) {
                o.put("bootable", true);
            }
        }
        return pretty(root);
    }

    /** {@code lsblk -J -b [-p] -o COLUMNS DEVICE}; null names a column this emulation does not know. */
    List<String> lsblkJson(List<String> columns, boolean fullPaths) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode d = device(root.putArray("blockdevices").addObject(), columns, fullPaths, DISK, null, "disk",
                disk.sectors() * disk.sectorSize(), null);
        ArrayNode children = d.putArray("children");
        for (Part p : byNumber()) {
            // the kernel gives an extended partition a size of 2 sectors (1 KiB), as lsblk shows
            long bytes = DiskLayout.isContainer(p.type()) ? 1024 : p.sectors() * disk.sectorSize();
            device(children.addObject(), columns, fullPaths, DISK + p.number(), DISK, "part", bytes, mountOf(p));
        }
        return pretty(root);
    }

    static boolean knownLsblkColumn(String column) {
        return List.of("NAME", "PKNAME", "TYPE", "SIZE", "LOG-SEC", "MOUNTPOINT").contains(column.toUpperCase(Locale.ROOT));
    }

    private ObjectNode device(ObjectNode o, List<String> columns, boolean fullPaths, String name, String parent, String type,
                              long bytes, String mount) {
        for (String c : columns) {
            switch (c.toUpperCase(Locale.ROOT)) {
                case "NAME" -> o.put("name", fullPaths ? name : name.substring("/dev/".length()));
                case "PKNAME" -> o.put("pkname", parent == null ? null : fullPaths ? parent : parent.substring("/dev/".length()));
                case "TYPE" -> o.put("type", type);
                case "SIZE" -> o.put("size", bytes);
                case "LOG-SEC" -> o.put("log-sec", disk.sectorSize());
                case "MOUNTPOINT" -> o.put("mountpoint", mount);
                default -> throw new IllegalArgumentException(c);
            }
        }
        return o;
    }

    /** {@code lsblk -n -d -p -o PKNAME DEVICE}: the parent disk of a partition, nothing for the disk. */
    List<String> parentOf(String device) {
        return device.startsWith(DISK) && device.length() > DISK.length() ? List.of(DISK) : List.of("");
    }

    /** {@code findmnt -J -v -o TARGET,SOURCE,FSTYPE TARGET}; empty when nothing is mounted there. */
    List<String> findmntJson(String target) {
        Part p = target.equals("/") ? disk.osPartition() : target.equals("/boot/efi") ? esp() : null;
        if (p == null) {
            return List.of();
        }
        ObjectNode root = JSON.createObjectNode();
        root.putArray("filesystems").addObject().put("target", target).put("source", DISK + p.number())
                .put("fstype", target.equals("/") ? "ext4" : "vfat");
        return pretty(root);
    }

    /** {@code findmnt -n -v -o SOURCE /}. */
    String rootSource() {
        Part root = disk.osPartition();
        return root == null ? DISK : DISK + root.number();
    }

    /** {@code df -Pm /}. */
    List<String> dfRoot() {
        Part root = disk.osPartition();
        long size = root == null ? 0 : root.sectors() * disk.sectorSize() / MIB;
        long avail = guest.freeSpaceMb();
        long used = Math.max(0, size - avail);
        long pct = size == 0 ? 0 : (used * 100 + size - 1) / size;
        return List.of("Filesystem     1048576-blocks  Used Available Capacity Mounted on",
                String.format("%-14s %14d %5d %9d %7d%% /", rootSource(), size, used, avail, pct));
    }

    /** The active lines of /etc/fstab: the root file system (by UUID or by MBR PARTUUID) and the ESP when there is one. */
    List<String> fstab() {
        Part root = disk.osPartition();
        String spec = guest.fstabUsesPartuuid() ? "PARTUUID=" + (disk.scheme() == DiskLayout.Scheme.MBR
                ? "5f3b2a91-0" + (root == null ? 1 : root.number()) : "0b5c1f7e-3a6d-4e43-9d2f-6c1a8e2b7d40")
                : "UUID=7f0e5c2a-1b3d-4c5e-8f9a-0b1c2d3e4f50";
        List<String> out = new ArrayList<>();
        out.add(spec + "\t/\text4\tdefaults,discard\t0 1");
        if (esp() != null) {
            out.add("UUID=7A1C-3F2B\t/boot/efi\tvfat\tumask=0077\t0 1");
        }
        return out;
    }

    private String mountOf(Part p) {
        return p == disk.osPartition() ? "/" : p == esp() ? "/boot/efi" : null;
    }

    private Part esp() {
        return disk.parts().stream().filter(p -> p.type().equalsIgnoreCase("EF00")).findFirst().orElse(null);
    }

    private List<Part> byNumber() {
        return disk.parts().stream().sorted(Comparator.comparingInt(Part::number)).toList();
    }

    /** A gdisk code of the simulated layout as the GUID the partition entry holds. */
    static String guid(String code) {
        for (GptType t : GptType.values()) {
            if (t.code().equalsIgnoreCase(code)) {
                return t.guid().toString().toUpperCase(Locale.ROOT);
            }
        }
        return GptType.BASIC_DATA.guid().toString().toUpperCase(Locale.ROOT);
    }

    private static List<String> pretty(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node).lines().toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
