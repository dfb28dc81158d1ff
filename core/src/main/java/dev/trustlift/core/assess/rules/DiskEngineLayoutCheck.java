package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.PartitionSummary;
import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.layout.LayoutWriter;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.validate.ConversionOptions;
import dev.trustlift.disk.validate.RuleResult;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.disk.validate.ValidationReport;
import dev.trustlift.disk.validate.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Judges the probed Windows layout with the disk engine's own MBR2GPT rules: the partition list is
 * written as a partition table onto a sparse in-memory disk, scanned and validated exactly as
 * `trustlift disk validate` would. One rule set for the offline engine and for assess.
 *
 * <p>Only the layout rules block here. The room rules (end-room, esp-room) are TL091's: online,
 * MBR2GPT carves its ESP by shrinking C: and upgrade can grow the disk. Remedies come from
 * {@link Mbr2GptLayoutCheck} where it knows a more specific fix for a running guest (which
 * partition to remove, with the PowerShell to do it); otherwise the engine's remedy is used.
 */
final class DiskEngineLayoutCheck {
    static final Set<String> LAYOUT_RULES = Set.of("mbr-disk", "front-room", "primary-count", "active-system",
            "no-extended", "recognized-types");
    private static final Map<String, String> SAME_PROBLEM = Map.of(
            "front-room", "inside the sectors the GPT needs",
            "primary-count", "primary partitions (MBR2GPT allows",
            "active-system", "active",
            "no-extended", "extended partition",
            "recognized-types", "which Windows does not recognize");

    private DiskEngineLayoutCheck() {
    }

    /** The layout problems, or empty when the disk engine could not model the probed layout. */
    static Optional<List<LayoutProblem>> check(DiskLayout layout) {
        if (layout.style() != DiskLayout.Style.MBR) {
            return Optional.of(List.of());
        }
        ValidationReport report;
        try {
            MemoryBlockDevice disk = new MemoryBlockDevice(layout.totalSectors() * layout.sectorSize(), layout.sectorSize());
            LayoutWriter.write(disk, spec(layout), new Random(0));
            report = Validator.validate(DiskClassifier.classify(disk), ConversionOptions.of(TargetOs.WINDOWS));
        } catch (IOException | RuntimeException e) {
            // A probe list the engine cannot lay out (overlaps, odd containers): the list-based check still can.
            return Optional.empty();
        }
        List<LayoutProblem> specific = Mbr2GptLayoutCheck.check(layout);
        List<LayoutProblem> problems = new ArrayList<>();
        for (RuleResult r : report.failures()) {
            if (!LAYOUT_RULES.contains(r.id())) {
                continue;
            }
            String same = SAME_PROBLEM.get(r.id());
            Optional<LayoutProblem> ours = specific.stream().filter(p -> same != null && p.problem().contains(same)).findFirst();
            problems.add(ours.orElseGet(() -> new LayoutProblem("failed rule " + r.id() + " (" + r.description()
                    + valuesText(r.values()) + ")", r.remedy())));
        }
        return Optional.of(problems);
    }

    private static String valuesText(Map<String, String> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.length() == 0 ? ": " : ", ").append(k).append('=').append(v));
        return b.toString();
    }

    private static LayoutSpec spec(DiskLayout layout) {
        List<LayoutSpec.PartitionSpec> parts = new ArrayList<>();
        for (PartitionSummary p : layout.partitions()) {
            parts.add(new LayoutSpec.PartitionSpec(p.type(), p.startLba(), p.sectors(), p.active()));
        }
        return LayoutSpec.mbr(layout.sectorSize(), layout.totalSectors(), parts);
    }
}
