package dev.trustlift.sandbox.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.guest.DiskLayout.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The objects the Storage and BitLocker cmdlets return on the simulated Windows guest, computed
 * from its disk (disk 0, C: on the largest partition), with members of the documented CIM classes
 * (MSFT_Disk, MSFT_Partition, MSFT_Volume) and the types ConvertTo-Json gives them in Windows
 * PowerShell: PartitionStyle the UInt16 (1 MBR, 2 GPT), MbrType a number, GptType a braced
 * lower-case GUID, DriveLetter a one-character string ("\u0000" for none), the BitLocker enums
 * as numbers. The table views' computed columns (a partition's "Type") are not members.
 */
final class WindowsCmdlets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1024 * 1024;

    private DiskLayout disk;
    private final GuestState guest;
    private boolean resized;

    WindowsCmdlets(DiskLayout disk, GuestState guest) {
        this.disk = disk;
        this.guest = guest;
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("get-disk", "get-partition", "get-volume",
            "get-partitionsupportedsize", "get-bitlockervolume", "get-service");

    static boolean known(String cmdlet) {
        return KNOWN.contains(cmdlet.toLowerCase(Locale.ROOT));
    }

    /** The disk as scripts left it (Resize-Partition shrinks C:). */
    DiskLayout disk() {
        return disk;
    }

    DriveLetters letters() {
        return guest.letters();
    }

    boolean resized() {
        return resized;
    }

    List<ObjectNode> run(String cmdlet) {
        return run(cmdlet, java.util.Map.of());
    }

    /**
     * A Get- cmdlet with its named arguments (values already evaluated): -Number, -DiskNumber and
     * -DriveLetter select, as the Storage cmdlets do, and an empty selection is the cmdlet's own
     * "No MSFT_... objects found" error unless -ErrorAction SilentlyContinue.
     */
    List<ObjectNode> run(String cmdlet, java.util.Map<String, String> args) {
        String name = cmdlet.toLowerCase(Locale.ROOT);
        List<ObjectNode> all = switch (name) {
            case "get-disk" -> List.of(diskObject());
            case "get-partition" -> partitions();
            case "get-volume" -> List.of(volume(), guest.letters().tempVolume());
            case "get-partitionsupportedsize" -> List.of(supportedSize());
            case "get-bitlockervolume" -> List.of(bitLocker());
            case "get-service" -> services(args.getOrDefault("name", "vds,defragsvc"));
            default -> throw new IllegalArgumentException(cmdlet);
        };
        String cimClass = switch (name) {
            case "get-disk" -> "MSFT_Disk";
            case "get-volume" -> "MSFT_Volume";
            default -> "MSFT_Partition";
        };
        String[][] filters = name.equals("get-volume") ? new String[][] {{"driveletter", "DriveLetter"},
                {"filesystemlabel", "FileSystemLabel"}} : new String[][] {{"number", "Number"}, {"disknumber", "DiskNumber"},
                {"driveletter", "DriveLetter"}, {"volume", "DriveLetter"}};
        List<ObjectNode> out = all;
        for (String[] f : filters) {
            String want = args.get(f[0]);
            if (want == null || name.equals("get-partitionsupportedsize")) {
                continue;
            }
            if (f[0].equals("volume")) {
                want = volumeLetter(want); // Get-Partition -Volume $v: the partition behind the volume's letter
            }
            String w = want;
            out = out.stream().filter(o -> o.path(f[1]).asText().equalsIgnoreCase(w)).toList();
            if (out.isEmpty() && !"silentlycontinue".equalsIgnoreCase(args.get("erroraction"))) {
                throw new PsError("No " + cimClass + " objects found with property '" + f[1] + "' equal to '" + want
                        + "'.  Verify the value of the property and retry.");
            }
        }
        return out;
    }

    /** A volume passed as an argument arrives as its JSON text (the arguments are evaluated to strings). */
    private static String volumeLetter(String volumeJson) {
        try {
            return JSON.readTree(volumeJson).path("DriveLetter").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PsError("Cannot bind parameter 'Volume'. Cannot convert the \"" + volumeJson + "\" value to type "
                    + "\"Microsoft.Management.Infrastructure.CimInstance\".");
        }
    }

    /** Get-Service: Status Stopped 1 / Running 4, StartType Manual 3 / Disabled 4 (as Windows PowerShell serializes them). */
    private List<ObjectNode> services(String names) {
        List<ObjectNode> out = new ArrayList<>();
        for (String n : names.split("\\s*,\\s*")) {
            boolean disabled = guest.serviceDisabled(n);
            out.add(JSON.createObjectNode().put("Name", n.toLowerCase(Locale.ROOT)).put("Status", 1)
                    .put("StartType", disabled ? 4 : 3));
        }
        return out;
    }

    void setManual(List<ObjectNode> services) {
        services.forEach(s -> guest.setServiceManual(s.path("Name").asText()));
    }

    /** Resize-Partition -DriveLetter C -Size BYTES: only down to SizeMin; the freed MiB leave C:'s free space. */
    void resizeC(long bytes) {
        Part os = disk.osPartition();
        long min = supportedSize().path("SizeMin").asLong();
        long current = os.sectors() * disk.sectorSize();
        if (bytes < min || bytes > current) {
            // Windows' wording for a size outside Get-PartitionSupportedSize is a guess
            throw new PsError("Size Not Supported");
        }
        long sectors = bytes / disk.sectorSize();
        List<Part> parts = new ArrayList<>();
        for (Part p : disk.parts()) {
            parts.add(p == os ? new Part(p.number(), p.type(), p.start(), sectors, p.active(), p.logical()) : p);
        }
        guest.consume((current - sectors * disk.sectorSize()) / MIB);
        disk = new DiskLayout(disk.scheme(), disk.sectorSize(), disk.sectors(), parts, disk.biosBootCode(), disk.efiBootLoader());
        resized = true;
    }

    void defragment() {
        guest.defragment();
    }

    private ObjectNode diskObject() {
        return JSON.createObjectNode().put("Number", 0).put("FriendlyName", "Virtual HD")
                .put("PartitionStyle", disk.scheme() == DiskLayout.Scheme.GPT ? 2 : 1)
                .put("LogicalSectorSize", disk.sectorSize()).put("PhysicalSectorSize", 4096)
                .put("Size", disk.sectors() * disk.sectorSize()).put("IsBoot", true).put("IsSystem", true);
    }

    /**
     * The OS disk's partitions, then the temporary disk's (disk 1). System Reserved (the first
     * NTFS partition besides C:) shows D: when it took that letter (guest.systemReservedTakesD).
     */
    private List<ObjectNode> partitions() {
        boolean gpt = disk.scheme() == DiskLayout.Scheme.GPT;
        Part os = disk.osPartition();
        Part reserved = systemReserved();
        boolean reservedHasD = guest.letters().systemReservedHasD();
        List<ObjectNode> out = new ArrayList<>();
        for (Part p : disk.parts()) {
            ObjectNode o = JSON.createObjectNode().put("DiskNumber", 0).put("PartitionNumber", p.number())
                    .put("DriveLetter", p == os ? "C" : p == reserved && reservedHasD ? "D" : "\u0000")
                    .put("Offset", p.start() * disk.sectorSize()).put("Size", p.sectors() * disk.sectorSize());
            if (gpt) {
                o.putNull("MbrType");
                o.put("GptType", "{" + LinuxCommands.guid(p.type()).toLowerCase(Locale.ROOT) + "}");
            } else {
                o.put("MbrType", Integer.parseInt(p.type(), 16));
                o.putNull("GptType");
            }
            o.put("IsActive", p.active()).put("IsBoot", p == os);
            out.add(o);
        }
        out.add(guest.letters().tempPartition());
        return out;
    }

    /** The old System Reserved partition: the first NTFS partition that is not C:, or null. */
    Part systemReserved() {
        Part os = disk.osPartition();
        return disk.parts().stream().filter(p -> p != os && (p.type().equals("07") || p.type().equalsIgnoreCase("0700")))
                .findFirst().orElse(null);
    }

    private long osBytes() {
        Part os = disk.osPartition();
        return os == null ? 0 : os.sectors() * disk.sectorSize();
    }

    private ObjectNode volume() {
        return JSON.createObjectNode().put("DriveLetter", "C").put("FileSystemType", "NTFS").put("Size", osBytes())
                .put("SizeRemaining", guest.freeSpaceMb() * MIB);
    }

    private ObjectNode supportedSize() {
        return JSON.createObjectNode().put("SizeMin", Math.max(0, osBytes() - guest.shrinkableMb() * MIB))
                .put("SizeMax", osBytes());
    }

    /** ProtectionStatus Off=0 On=1; VolumeStatus FullyDecrypted=0 FullyEncrypted=1; suspended is encrypted with protection off. */
    private ObjectNode bitLocker() {
        String state = guest.bitlocker();
        boolean on = state.equals("on");
        boolean encrypted = on || state.equals("suspended");
        return JSON.createObjectNode().put("MountPoint", "C:").put("VolumeType", 0).put("VolumeStatus", encrypted ? 1 : 0)
                .put("ProtectionStatus", on ? 1 : 0).put("EncryptionPercentage", encrypted ? 100 : 0);
    }
}
