package dev.trustlift.disk.validate;

import static dev.trustlift.disk.validate.MbrFacts.values;

import dev.trustlift.disk.partition.Sizes;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.space.Placement;
import dev.trustlift.disk.space.SystemPartitionPlacer;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;

/** The rules MBR2GPT and gdisk share: an MBR disk with room for both GPT copies and the ESP. */
final class CommonRules {
    static final String MBR_DISK = "The disk uses MBR partitioning";
    static final String FRONT_ROOM = "Room for the primary GPT before the first partition";
    static final String END_ROOM = "Room for the backup GPT after the last partition";
    static final String ESP_ROOM = "Free space for a new EFI system partition";

    private CommonRules() {
    }

    static RuleResult mbrDisk(DiskScan scan) {
        String remedy = switch (scan.diskClass()) {
            case GPT -> "none needed: the disk is already GPT, there is nothing to convert";
            case HYBRID -> "remove the hybrid MBR first (gdisk: x, then n for a new protective MBR, then w)";
            case EMPTY -> "the disk has no partitions: there is nothing to convert";
            case INVALID -> "repair the partition table first: " + String.join("; ", scan.reasons());
            case MBR -> null;
        };
        return RuleResult.check(scan.diskClass() == DiskClass.MBR, "mbr-disk", MBR_DISK,
                values("classification", scan.diskClass()), remedy);
    }

    static RuleResult frontRoom(MbrFacts f) {
        long required = f.geometry().firstUsable();
        Optional<MbrPartition> first = f.partitions().stream().min(Comparator.comparingLong(p -> p.extent().first()));
        long start = first.map(p -> p.extent().first()).orElse(required);
        String remedy = first.map(p -> "partition " + p.number() + " starts at LBA " + start + ", inside the primary GPT (LBA 1.."
                + (required - 1) + "); move partition " + p.number() + " to LBA " + required
                + " or later with a tool that moves data (trustlift never moves partition data)").orElse(null);
        return RuleResult.check(start >= required, "front-room", FRONT_ROOM,
                values("firstPartitionLba", start, "requiredLba", required), remedy);
    }

    static RuleResult endRoom(MbrFacts f) {
        long lastUsable = f.geometry().lastUsable();
        long end = f.partitions().stream().mapToLong(p -> p.extent().last()).max().orElse(0);
        long missingSectors = end - lastUsable;
        long growMib = Sizes.mibCeil(missingSectors * f.sectorSize()) + f.options().growMib();
        return RuleResult.check(end <= lastUsable, "end-room", END_ROOM,
                values("lastPartitionEndLba", end, "lastUsableLba", lastUsable, "diskSectors", f.sectorsAfterGrow(),
                        "growMib", f.options().growMib()),
                "the backup GPT needs the last " + (f.sectorsAfterGrow() - lastUsable - 1)
                        + " sectors; grow the disk by " + growMib + " MiB with --grow " + growMib);
    }

    static RuleResult espRoom(MbrFacts f, boolean withBiosBoot) {
        if (f.existingEsp().isPresent()) {
            return RuleResult.pass("esp-room", ESP_ROOM, values("existingEsp", "partition "
                    + f.existingEsp().get().number() + " (type 0xEF) becomes the ESP"));
        }
        long esp = f.espSectorsToCreate();
        Optional<Placement> placed = SystemPartitionPlacer.place(f.sectorSize(), f.sectorsAfterGrow(), f.usedExtents(),
                esp, false);
        return RuleResult.check(placed.isPresent(), "esp-room", ESP_ROOM,
                values("espSize", f.mib(esp), "placement", placed.map(p -> "LBA " + p.esp()).orElse("none"),
                        "growMib", f.options().growMib()),
                growRemedy(f, withBiosBoot, "the ESP (" + f.mib(esp) + ")"));
    }

    /** "grow the disk by N MiB with --grow N", N the smallest growth that makes room for everything. */
    static String growRemedy(MbrFacts f, boolean withBiosBoot, String what) {
        OptionalLong grow = SystemPartitionPlacer.minimumGrowMib(f.sectorSize(), f.scan().sectors(), f.usedExtents(),
                f.espSectorsToCreate(), withBiosBoot);
        if (grow.isEmpty()) {
            return "no free space can hold " + what + " even after growing the disk; fix the rules above first";
        }
        return "no free 1 MiB-aligned space holds " + what + "; grow the disk by " + grow.getAsLong()
                + " MiB with --grow " + grow.getAsLong() + ", or shrink a partition and validate again";
    }
}
