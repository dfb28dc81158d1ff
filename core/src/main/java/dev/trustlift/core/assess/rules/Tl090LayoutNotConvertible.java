package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.PartitionSummary;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TL090: the OS disk layout fails the conversion rules. Windows: MBR2GPT's layout checks.
 * Linux: no room for the primary GPT at the front, or a GPT disk without a usable ESP.
 */
public final class Tl090LayoutNotConvertible implements Rule {
    @Override
    public String id() {
        return "TL090";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        if (facts.osDisk().generation() == HyperVGeneration.V2) {
            return Optional.empty();
        }
        if (facts.guest() == null || facts.guest().layout() == null) {
            return Optional.empty(); // TL008 says what stayed unknown
        }
        DiskLayout layout = facts.guest().layout();
        String checkedBy = "trustlift rules";
        List<LayoutProblem> problems;
        if (facts.windows()) {
            Optional<List<LayoutProblem>> engine = DiskEngineLayoutCheck.check(layout);
            checkedBy = engine.isPresent() ? "disk engine (MBR2GPT rules)" : "probe summary (the disk engine could not model it)";
            problems = engine.orElseGet(() -> Mbr2GptLayoutCheck.check(layout));
        } else {
            problems = linuxProblems(facts, layout);
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        Finding.Builder b = Finding.of(id(), Severity.BLOCKER, "OS disk layout cannot be converted: "
                        + String.join("; ", problems.stream().map(LayoutProblem::problem).toList()))
                .evidence("checkedBy", checkedBy)
                .evidence("partitionStyle", layout.style().name())
                .evidence("sectorSize", layout.sectorSize())
                .evidence("partitions", describe(layout));
        return Optional.of(b.remediation(String.join("; ", problems.stream().map(LayoutProblem::fix).distinct().toList()))
                .build());
    }

    private static List<LayoutProblem> linuxProblems(VmFacts facts, DiskLayout layout) {
        List<LayoutProblem> problems = new ArrayList<>();
        long firstUsable = Mbr2GptLayoutCheck.firstUsableLba(layout.sectorSize());
        if (layout.style() == DiskLayout.Style.MBR) {
            if (!layout.partitions().isEmpty() && layout.firstUsedLba() < firstUsable) {
                problems.add(new LayoutProblem("the first partition starts at LBA " + layout.firstUsedLba()
                        + ", inside the sectors the GPT needs (LBA 0-" + (firstUsable - 1) + ")",
                        "the disk cannot be converted in place: copy the root file system to a new disk laid out as GPT"));
            }
            return problems;
        }
        Optional<PartitionSummary> esp = layout.esp();
        if (esp.isEmpty()) {
            problems.add(new LayoutProblem("GPT disk without an EFI system partition",
                    "add an ESP (type EF00, about 200 MiB, vfat) mounted at /boot/efi and install GRUB for x86_64-efi"));
        } else if (!Boolean.TRUE.equals(facts.guest().espInFstab())) {
            problems.add(new LayoutProblem("the ESP (partition " + esp.get().number() + ") is not mounted at /boot/efi "
                    + "in /etc/fstab", "add /boot/efi (partition " + esp.get().number() + ", vfat) to /etc/fstab and "
                    + "install GRUB for x86_64-efi"));
        }
        return problems;
    }

    /** The layout in one line per partition, as findings and the upgrade journal show it. */
    public static List<String> describe(DiskLayout layout) {
        return layout.partitions().stream().map(p -> "#" + p.number() + " type " + p.type() + " start " + p.startLba()
                + " " + layout.mib(p.sectors()) + " MiB" + (p.active() ? " active" : "") + (p.logical() ? " logical" : "")
                + (p.os() ? " os" : "")).toList();
    }
}
