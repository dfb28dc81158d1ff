package dev.trustlift.disk.validate;

import static dev.trustlift.disk.validate.MbrFacts.values;

import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.space.Placement;
import dev.trustlift.disk.space.SystemPartitionPlacer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** GPT fdisk's conversion rules plus what a Linux guest needs to boot both ways afterwards. */
final class LinuxRules {
    static final String NO_OVERLAPS = "No overlapping partitions; logical partitions convert too";
    static final String BIOS_BOOT = "BIOS boot partition possible (so GRUB still boots with BIOS)";

    private LinuxRules() {
    }

    static List<RuleResult> check(MbrFacts f) {
        List<RuleResult> rules = new ArrayList<>();
        rules.add(CommonRules.frontRoom(f));
        rules.add(CommonRules.endRoom(f));
        rules.add(noOverlaps(f));
        rules.add(biosBoot(f));
        rules.add(CommonRules.espRoom(f, true));
        return rules;
    }

    static List<String> ids() {
        return List.of("front-room", "end-room", "no-overlaps", "bios-boot", "esp-room");
    }

    /** The scan already refuses overlaps (INVALID); restated here so the report lists every rule. */
    static RuleResult noOverlaps(MbrFacts f) {
        List<MbrPartition> data = f.dataPartitions();
        long logicals = data.stream().filter(p -> p.kind() == MbrPartition.Kind.LOGICAL).count();
        boolean overlap = false;
        for (int i = 0; i < data.size(); i++) {
            for (int j = i + 1; j < data.size(); j++) {
                overlap |= data.get(i).extent().overlaps(data.get(j).extent());
            }
        }
        return RuleResult.check(!overlap, "no-overlaps", NO_OVERLAPS,
                values("partitions", data.size(), "logicalPartitions", logicals),
                "fix the overlapping partitions with fdisk before converting");
    }

    /** The gap before the first 1 MiB boundary suffices on its own; otherwise it must fit beside the ESP. */
    static RuleResult biosBoot(MbrFacts f) {
        Optional<Extent> gap = SystemPartitionPlacer.frontGap(f.geometry(), f.usedExtents());
        if (gap.isPresent()) {
            return RuleResult.pass("bios-boot", BIOS_BOOT,
                    values("placement", "gap before the first partition, LBA " + gap.get()));
        }
        Optional<Placement> placed = SystemPartitionPlacer.place(f.sectorSize(), f.sectorsAfterGrow(),
                f.usedExtents(), f.espSectorsToCreate(), true);
        return RuleResult.check(placed.isPresent(), "bios-boot", BIOS_BOOT,
                values("placement", placed.map(p -> "free space, LBA " + p.biosBoot()).orElse("none")),
                CommonRules.growRemedy(f, true, "a 1 MiB BIOS boot partition next to the ESP"));
    }
}
