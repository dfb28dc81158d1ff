package dev.trustlift.disk.validate;

import static dev.trustlift.disk.validate.MbrFacts.values;

import dev.trustlift.disk.partition.MbrType;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.partition.mbr.MbrPartition.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** MBR2GPT's layout rules, as far as they can be checked from the partition table offline. */
final class WindowsRules {
    static final String PRIMARY_COUNT = "At most 3 primary partitions";
    static final String ACTIVE_SYSTEM = "Exactly one active partition, and it is a Windows system partition";
    static final String NO_EXTENDED = "No extended or logical partitions";
    static final String RECOGNIZED = "Every partition type is recognized by Windows";

    private WindowsRules() {
    }

    static List<RuleResult> check(MbrFacts f) {
        List<RuleResult> rules = new ArrayList<>();
        rules.add(CommonRules.frontRoom(f));
        rules.add(CommonRules.endRoom(f));
        rules.add(primaryCount(f));
        rules.add(activeSystem(f));
        rules.add(noExtended(f));
        rules.add(recognizedTypes(f));
        rules.add(CommonRules.espRoom(f, false));
        return rules;
    }

    static List<String> ids() {
        return List.of("front-room", "end-room", "primary-count", "active-system", "no-extended", "recognized-types",
                "esp-room");
    }

    static RuleResult primaryCount(MbrFacts f) {
        List<MbrPartition> slots = f.scan().mbrDisk().primarySlotsUsed();
        MbrPartition largest = slots.stream().max(Comparator.comparingLong(p -> p.extent().sectors())).orElse(null);
        String candidates = slots.stream()
                .filter(p -> !p.active() && p != largest)
                .sorted(Comparator.comparingInt(MbrPartition::number).reversed())
                .map(f::describe)
                .collect(Collectors.joining(" or "));
        return RuleResult.check(slots.size() <= 3, "primary-count", PRIMARY_COUNT,
                values("primaryPartitions", slots.size(), "maximum", 3),
                "remove " + (candidates.isEmpty() ? "one primary partition" : candidates)
                        + " (e.g. an OEM or recovery partition no longer needed), then validate again");
    }

    static RuleResult activeSystem(MbrFacts f) {
        List<MbrPartition> active = f.partitions().stream().filter(MbrPartition::active).toList();
        String list = active.stream().map(f::describe).collect(Collectors.joining(", "));
        boolean ok = active.size() == 1 && active.get(0).kind() == Kind.PRIMARY
                && MbrType.isWindowsSystemType(active.get(0).type());
        String remedy;
        if (active.isEmpty()) {
            remedy = "mark the partition holding bootmgr (System Reserved, usually partition 1) active "
                    + "(diskpart: select partition 1, active)";
        } else if (active.size() > 1) {
            remedy = "clear the active flag on all but the system partition (" + list + " are active)";
        } else {
            remedy = list + " is active but is not a Windows system partition (NTFS or FAT); mark the partition "
                    + "holding bootmgr active instead";
        }
        return RuleResult.check(ok, "active-system", ACTIVE_SYSTEM,
                values("activePartitions", active.isEmpty() ? "none" : list), remedy);
    }

    static RuleResult noExtended(MbrFacts f) {
        List<MbrPartition> ext = f.partitions().stream().filter(p -> p.kind() != Kind.PRIMARY).toList();
        String logicals = ext.stream().filter(p -> p.kind() == Kind.LOGICAL).map(p -> String.valueOf(p.number()))
                .collect(Collectors.joining(", "));
        String container = ext.stream().filter(p -> p.kind() == Kind.EXTENDED).map(p -> String.valueOf(p.number()))
                .findFirst().orElse("?");
        return RuleResult.check(ext.isEmpty(), "no-extended", NO_EXTENDED,
                values("extendedPartition", ext.isEmpty() ? "none" : container,
                        "logicalPartitions", logicals.isEmpty() ? "none" : logicals),
                "MBR2GPT cannot convert logical partitions (" + (logicals.isEmpty() ? "none" : logicals)
                        + ") or extended partition " + container + ": move their data to primary partitions and delete "
                        + "the extended partition; for a Linux guest use --os linux, which converts them");
    }

    static RuleResult recognizedTypes(MbrFacts f) {
        List<MbrPartition> unknown = f.dataPartitions().stream().filter(p -> !MbrType.isWindowsRecognized(p.type()))
                .toList();
        String list = unknown.stream().map(p -> "partition " + p.number() + " " + MbrType.describe(p.type()))
                .collect(Collectors.joining(", "));
        return RuleResult.check(unknown.isEmpty(), "recognized-types", RECOGNIZED,
                values("unrecognized", unknown.isEmpty() ? "none" : list),
                list + ": Windows does not recognize these types, so MBR2GPT needs /map:<type>=<GPT type GUID> for "
                        + "each; trustlift converts such disks only with --os linux");
    }
}
