package dev.trustlift.sandbox.guest;

import dev.trustlift.disk.convert.ConversionPlan;
import dev.trustlift.disk.convert.ConversionPlanner;
import dev.trustlift.disk.convert.ConversionRefusedException;
import dev.trustlift.disk.convert.PlannedPartition;
import dev.trustlift.disk.layout.LayoutScan;
import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.validate.ConversionOptions;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.disk.validate.ValidationReport;
import dev.trustlift.disk.validate.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The sandbox's way into the disk engine: a simulated layout is written onto a sparse in-memory
 * device and read back by the engine's classifier, so the engine's own rules (MBR2GPT's
 * validation, the conversion planner) judge it. Nothing here re-implements a disk rule.
 */
public final class DiskEngine {
    /** The one engine rule the guest decides instead: MBR2GPT in the full OS shrinks C: to make the ESP. */
    static final String ESP_ROOM_RULE = "esp-room";

    private DiskEngine() {
    }

    /** The engine's scan of a simulated layout (its tables written onto a sparse in-memory disk). */
    public static DiskScan scan(DiskLayout layout) {
        return LayoutScan.of(toSpec(layout));
    }

    /** A layout as the disk engine's writer takes it. */
    static LayoutSpec toSpec(DiskLayout layout) {
        List<LayoutSpec.PartitionSpec> parts = new ArrayList<>();
        for (DiskLayout.Part p : layout.parts()) {
            parts.add(new LayoutSpec.PartitionSpec(p.type(), p.start(), p.sectors(), p.active(),
                    layout.scheme() == DiskLayout.Scheme.GPT ? p.number() : 0));
        }
        return new LayoutSpec(layout.scheme() == DiskLayout.Scheme.GPT ? LayoutSpec.Scheme.GPT : LayoutSpec.Scheme.MBR,
                layout.sectorSize(), layout.sectors(), parts);
    }

    /** A layout spec (preset or explicit) as the sandbox holds it: written, read back, boot code as a fresh image has. */
    public static DiskLayout fromSpec(LayoutSpec spec) {
        DiskLayout draft = new DiskLayout(spec.scheme() == LayoutSpec.Scheme.GPT ? DiskLayout.Scheme.GPT : DiskLayout.Scheme.MBR,
                spec.sectorSize(), spec.sectors(), draftParts(spec), true, false);
        return fromScan(scan(draft));
    }

    private static List<DiskLayout.Part> draftParts(LayoutSpec spec) {
        List<DiskLayout.Part> parts = new ArrayList<>();
        int n = 1;
        for (LayoutSpec.PartitionSpec p : spec.partitions()) {
            parts.add(new DiskLayout.Part(p.number() > 0 ? p.number() : n, p.type().toUpperCase(Locale.ROOT), p.start(),
                    p.sectors(), p.active(), false));
            n++;
        }
        return parts;
    }

    /**
     * What the engine read from a disk, as a simulated layout. Boot code is assumed where the
     * layout implies an installed OS: every MBR disk, and GPT disks with a BIOS boot partition
     * (GRUB) or an ESP (a boot loader).
     */
    public static DiskLayout fromScan(DiskScan scan) {
        List<DiskLayout.Part> parts = new ArrayList<>();
        if (scan.diskClass() == DiskClass.MBR) {
            for (MbrPartition p : scan.mbrDisk().partitions()) {
                parts.add(new DiskLayout.Part(p.number(), String.format("%02X", p.type()), p.extent().first(),
                        p.extent().sectors(), p.active(), p.kind() == MbrPartition.Kind.LOGICAL));
            }
            return new DiskLayout(DiskLayout.Scheme.MBR, scan.sectorSize(), scan.sectors(), parts, true, false);
        }
        if (scan.diskClass() == DiskClass.GPT) {
            for (GptPartitionTable.NumberedEntry e : scan.gptTable().partitions()) {
                String code = GptType.of(e.entry().type()).map(GptType::code).orElse("0700");
                parts.add(new DiskLayout.Part(e.number(), code, e.entry().firstLba(), e.entry().extent().sectors(), false,
                        false));
            }
            parts.sort(Comparator.comparingLong(DiskLayout.Part::start));
            DiskLayout gpt = new DiskLayout(DiskLayout.Scheme.GPT, scan.sectorSize(), scan.sectors(), parts, false, false);
            return new DiskLayout(gpt.scheme(), gpt.sectorSize(), gpt.sectors(), parts, gpt.hasType("EF02"), gpt.hasType("EF00"));
        }
        throw new IllegalArgumentException("the disk is " + scan.summary() + ", not an MBR or GPT disk the sandbox can boot");
    }

    /** MBR2GPT's layout rules from the engine's validator, without the ESP-room rule the guest decides. */
    static List<String> windowsLayoutFailures(DiskLayout layout) {
        ValidationReport report = Validator.validate(scan(layout), ConversionOptions.of(TargetOs.WINDOWS));
        return report.failures().stream().filter(r -> !r.id().equals(ESP_ROOM_RULE))
                .map(r -> r.id() + ": " + r.description()).toList();
    }

    /** The engine's conversion of a disk, as the layout it leaves; throws when the engine refuses. */
    static DiskLayout convert(DiskLayout layout, TargetOs os) throws ConversionRefusedException {
        DiskScan scan = scan(layout);
        ConversionPlan plan = ConversionPlanner.plan(scan, ConversionOptions.of(os), new Random(layout.sectors()));
        List<DiskLayout.Part> parts = new ArrayList<>();
        for (PlannedPartition p : plan.partitions()) {
            String code = GptType.of(p.entry().type()).map(GptType::code).orElse("0700");
            parts.add(new DiskLayout.Part(p.number(), code, p.entry().firstLba(), p.entry().extent().sectors(), false, false));
        }
        parts.sort(Comparator.comparingLong(DiskLayout.Part::start));
        boolean linux = os == TargetOs.LINUX;
        return new DiskLayout(DiskLayout.Scheme.GPT, plan.sectorSize(), plan.newSectors(), parts, linux, true);
    }
}
