package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.PartitionSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The layout rules MBR2GPT checks before it writes (facts/disk-conversion.md section 1), on the
 * probe's summary of the Windows OS disk. The full rule set lives with the disk engine; this is
 * the part that can be judged from a partition list, and says what to do about each problem.
 */
final class Mbr2GptLayoutCheck {
    static final int MAX_PRIMARIES = 3;

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
        if (primaries.stream().noneMatch(PartitionSummary::active)) {
            problems.add(new LayoutProblem("no partition is marked active",
                    "mark the System Reserved partition active (diskpart: select disk 0, select partition 1, active)"));
        }
        for (PartitionSummary p : layout.partitions()) {
            if (!p.extendedContainer() && !p.recognizedByWindows()) {
                problems.add(new LayoutProblem("partition " + p.number() + " has type 0x" + p.type()
                        + ", which Windows does not recognize",
                        "remove partition " + p.number() + " or move its data off the OS disk (MBR2GPT would need /map)"));
            }
        }
        return problems;
    }

    /** Names the partition to remove: the recovery partition if there is one, else the smallest removable. */
    private static String removalAdvice(List<PartitionSummary> primaries) {
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
