package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.PartitionSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The layout rules MBR2GPT checks before it writes (facts/disk-conversion.md section 1), on the
 * probe's summary of the Windows OS disk. The disk engine's validator (disk.validate, branch
 * disk-part) checks the same rules on a scanned image; it needs a block device, the probe gives a
 * partition list, so this is the list-based twin with the same rules and remedies.
 */
final class Mbr2GptLayoutCheck {
    static final int MAX_PRIMARIES = 3;
    /** FAT and NTFS types a Windows system partition (bootmgr, BCD) can have. */
    private static final java.util.Set<String> WINDOWS_SYSTEM_TYPES = java.util.Set.of("01", "04", "06", "07", "0B", "0C", "0E");

    private Mbr2GptLayoutCheck() {
    }

    /** Sectors the primary GPT needs at the front: 16 KiB of entries + protective MBR + header. */
    static long firstUsableLba(int sectorSize) {
        return 2 + 16384 / sectorSize;
    }

    static List<LayoutProblem> check(DiskLayout layout) {
        List<LayoutProblem> problems = new ArrayList<>();
        if (layout.style() != DiskLayout.Style.MBR) {
            return problems;
        }
        long firstUsable = firstUsableLba(layout.sectorSize());
        if (!layout.partitions().isEmpty() && layout.firstUsedLba() < firstUsable) {
            problems.add(new LayoutProblem("the first partition starts at LBA " + layout.firstUsedLba()
                    + ", inside the sectors the GPT needs (LBA 0-" + (firstUsable - 1) + ")",
                    "the disk cannot be converted in place: move the partitions (restore to a disk whose first partition "
                            + "starts at 1 MiB)"));
        }
        for (PartitionSummary p : layout.partitions()) {
            if (p.logical() || p.extendedContainer()) {
                problems.add(new LayoutProblem("partition " + p.number() + " is "
                        + (p.logical() ? "a logical partition" : "an extended partition (type " + p.type() + ")"),
                        "MBR2GPT refuses extended/logical partitions: move the data of every logical partition to C: or a "
                                + "data disk, then delete the extended partition"));
                break;
            }
        }
        List<PartitionSummary> primaries = layout.primaries();
        if (primaries.size() > MAX_PRIMARIES) {
            problems.add(new LayoutProblem(primaries.size() + " primary partitions (MBR2GPT allows at most "
                    + MAX_PRIMARIES + ")", removalAdvice(primaries)));
        }
        List<PartitionSummary> active = layout.partitions().stream().filter(PartitionSummary::active).toList();
        if (active.isEmpty()) {
            problems.add(new LayoutProblem("no partition is marked active",
                    "mark the System Reserved partition active (diskpart: select disk 0, select partition 1, active)"));
        } else if (active.size() > 1) {
            problems.add(new LayoutProblem(active.size() + " partitions are marked active",
                    "clear the active flag on all but the partition holding bootmgr (diskpart: select partition N, inactive)"));
        } else if (!WINDOWS_SYSTEM_TYPES.contains(active.get(0).type()) || active.get(0).logical()) {
            problems.add(new LayoutProblem("the active partition " + active.get(0).number() + " (type 0x" + active.get(0).type()
                    + ") is not a Windows system partition", "mark the partition holding bootmgr (System Reserved, NTFS) "
                    + "active instead"));
        }
        for (PartitionSummary p : layout.partitions()) {
            if (!p.extendedContainer() && !p.recognizedByWindows()) {
                problems.add(new LayoutProblem("partition " + p.number() + " has type 0x" + p.type()
                        + ", which Windows does not recognize", unrecognizedFix(p)));
            }
        }
        return problems;
    }

    private static String unrecognizedFix(PartitionSummary p) {
        return "remove partition " + p.number() + " (type 0x" + p.type() + ") or move its data off the OS disk (MBR2GPT "
                + "would need /map)";
    }

    /**
     * Names the partition to remove: one Windows does not recognize (removing it fixes two rules at
     * once), else the recovery partition, else the smallest that is neither active nor C:.
     */
    private static String removalAdvice(List<PartitionSummary> primaries) {
        Optional<PartitionSummary> unrecognized = primaries.stream()
                .filter(p -> !p.recognizedByWindows() && !p.os() && !p.active()).findFirst();
        if (unrecognized.isPresent()) {
            return unrecognizedFix(unrecognized.get());
        }
        Optional<PartitionSummary> recovery = primaries.stream().filter(PartitionSummary::windowsRecovery)
                .filter(p -> !p.os()).findFirst();
        if (recovery.isPresent()) {
            int n = recovery.get().number();
            return "remove the unused recovery partition " + n + " (check with ReAgentc /info that WinRE is not on it, then "
                    + "Remove-Partition -DiskNumber 0 -PartitionNumber " + n + ")";
        }
        Optional<PartitionSummary> smallest = primaries.stream().filter(p -> !p.os() && !p.active())
                .min(Comparator.comparingLong(PartitionSummary::sectors));
        return smallest.map(p -> "remove partition " + p.number() + " (type 0x" + p.type() + ") after moving its data "
                        + "(Remove-Partition -DiskNumber 0 -PartitionNumber " + p.number() + ")")
                .orElse("remove one primary partition that is neither active nor C:");
    }
}
