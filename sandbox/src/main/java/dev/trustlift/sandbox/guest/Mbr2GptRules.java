package dev.trustlift.sandbox.guest;

import dev.trustlift.sandbox.guest.DiskLayout.Part;
import java.util.Set;

/**
 * MBR2GPT's layout checks (facts/disk-conversion.md section 1), the one place the sandbox decides
 * whether a layout passes. Kept behind this small class so the disk engine's validator can take
 * its place without touching the simulator.
 */
final class Mbr2GptRules {
    /** Types Windows recognizes (winioctl.h IsRecognizedPartition), as two hex digits. */
    private static final Set<String> RECOGNIZED = Set.of("01", "04", "06", "07", "0B", "0C", "0E", "27",
            "28", "29", "2A", "2B", "2C", "2D", "EF");
    private static final long GPT_ROOM_SECTORS_512 = 34;
    private static final long GPT_ROOM_SECTORS_4K = 6;

    private Mbr2GptRules() {
    }

    /** Null when the layout passes; else the reason, for setuperr.log. */
    static String layoutProblem(DiskLayout d) {
        if (d.scheme() != DiskLayout.Scheme.MBR) {
            return "Disk 0 is not an MBR disk";
        }
        long room = d.sectorSize() == 512 ? GPT_ROOM_SECTORS_512 : GPT_ROOM_SECTORS_4K;
        long primaries = d.parts().stream().filter(p -> !p.logical()).count();
        if (primaries > 3) {
            return "Disk 0 has " + primaries + " primary partitions; at most 3 are allowed";
        }
        for (Part p : d.parts()) {
            if (DiskLayout.isContainer(p.type()) || p.logical()) {
                return "Disk 0 has an extended partition or logical drives";
            }
        }
        long firstStart = d.parts().stream().mapToLong(Part::start).min().orElse(room);
        long lastEnd = d.parts().stream().mapToLong(Part::end).max().orElse(0);
        if (firstStart < room) {
            return "No room for the primary GPT: the first partition starts at LBA " + firstStart;
        }
        if (lastEnd > d.sectors() - room) {
            return "No room for the backup GPT: the last partition ends at LBA " + lastEnd;
        }
        if (d.parts().stream().noneMatch(Part::active)) {
            return "Disk 0 has no active system partition";
        }
        for (Part p : d.parts()) {
            if (!RECOGNIZED.contains(p.type().toUpperCase())) {
                return "Partition " + p.number() + " has type 0x" + p.type() + ", which needs /map";
            }
        }
        return null;
    }
}
