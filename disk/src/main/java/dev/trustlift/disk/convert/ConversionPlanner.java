package dev.trustlift.disk.convert;

import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.Guid;
import dev.trustlift.disk.partition.MbrType;
import dev.trustlift.disk.partition.gpt.GptEntry;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.mbr.MasterBootRecord;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.partition.mbr.ProtectiveMbr;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.space.Placement;
import dev.trustlift.disk.space.SystemPartitionPlacer;
import dev.trustlift.disk.validate.ConversionOptions;
import dev.trustlift.disk.validate.MbrFacts;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.disk.validate.ValidationReport;
import dev.trustlift.disk.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Turns a scanned MBR disk into a conversion plan: a pure function of the scan, the options and
 * a random source (for GUIDs and the FAT volume id), so tests can pin the result with a seed.
 * Refuses, planning nothing, when any rule fails.
 */
public final class ConversionPlanner {
    public static final String WINDOWS_ESP_LABEL = "SYSTEM";
    /** Ubuntu's cloud images mount the ESP by this label (LABEL=UEFI /boot/efi). */
    public static final String LINUX_ESP_LABEL = "UEFI";

    private ConversionPlanner() {
    }

    public static ConversionPlan plan(DiskScan scan, ConversionOptions options, Random random)
            throws ConversionRefusedException {
        ValidationReport report = Validator.validate(scan, options);
        if (!report.passed()) {
            throw new ConversionRefusedException(report);
        }
        MbrFacts facts = new MbrFacts(scan, options);
        int sectorSize = scan.sectorSize();
        long newSectors = facts.sectorsAfterGrow();
        boolean linux = options.os() == TargetOs.LINUX;
        Placement placement = SystemPartitionPlacer.place(sectorSize, newSectors, facts.usedExtents(),
                facts.espSectorsToCreate(), linux)
                .orElseThrow(() -> new IllegalStateException("validated disk has no room for the ESP"));
        List<String> notes = new ArrayList<>();
        TreeMap<Integer, PlannedPartition> byNumber = new TreeMap<>();
        for (MbrPartition p : facts.dataPartitions()) {
            GptType type = mapType(p, options.os(), notes);
            long attributes = type == GptType.WINDOWS_RE ? GptType.WINRE_ATTRIBUTES : 0;
            GptEntry entry = new GptEntry(type.guid(), Guid.random(random), p.extent().first(), p.extent().last(),
                    attributes, type.displayName());
            byNumber.put(p.number(), new PlannedPartition(p.number(), entry,
                    "MBR " + p.number() + " " + MbrType.hex(p.type()), false));
        }
        if (placement.esp() != null) {
            addNew(byNumber, GptType.EFI_SYSTEM, placement.esp(), random);
        }
        if (placement.biosBoot() != null) {
            addNew(byNumber, GptType.BIOS_BOOT, placement.biosBoot(), random);
        }
        List<GptEntry> entries = new ArrayList<>();
        for (int n = 1; n <= byNumber.lastKey(); n++) {
            PlannedPartition p = byNumber.get(n);
            entries.add(p == null ? GptEntry.UNUSED : p.entry());
        }
        GptPartitionTable table = GptPartitionTable.create(new GptGeometry(sectorSize, newSectors),
                Guid.random(random), entries);
        MasterBootRecord protective = ProtectiveMbr.forDisk(newSectors, scan.mbr().bootCode());
        addNotes(notes, options.os(), placement, byNumber, facts, scan);
        return new ConversionPlan(options.os(), sectorSize, scan.sectors(), newSectors, scan.mbr(),
                List.copyOf(byNumber.values()), table, protective, placement.esp(),
                linux ? LINUX_ESP_LABEL : WINDOWS_ESP_LABEL, random.nextInt(), placement.biosBoot(), notes);
    }

    private static GptType mapType(MbrPartition p, TargetOs os, List<String> notes) {
        if (os == TargetOs.WINDOWS) {
            return MbrType.forWindows(p.type()).orElseThrow(() -> new IllegalStateException("unrecognized type passed"));
        }
        return MbrType.forGdisk(p.type()).orElseGet(() -> {
            notes.add("partition " + p.number() + " has MBR type " + MbrType.describe(p.type())
                    + ", which has no GPT equivalent; it becomes Linux filesystem (8300), as gdisk does");
            return GptType.LINUX_FILESYSTEM;
        });
    }

    private static void addNew(TreeMap<Integer, PlannedPartition> byNumber, GptType type, Extent extent,
                               Random random) {
        int number = 1;
        while (byNumber.containsKey(number)) {
            number++;
        }
        GptEntry entry = new GptEntry(type.guid(), Guid.random(random), extent.first(), extent.last(), 0,
                type.displayName());
        byNumber.put(number, new PlannedPartition(number, entry, "new", true));
    }

    private static void addNotes(List<String> notes, TargetOs os, Placement placement,
                                 TreeMap<Integer, PlannedPartition> byNumber, MbrFacts facts, DiskScan scan) {
        if (facts.options().growMib() > 0) {
            notes.add("the disk grows by " + facts.options().growMib() + " MiB; resize the Azure managed disk to "
                    + facts.sectorsAfterGrow() * scan.sectorSize() + " bytes to match");
        }
        if (placement.esp() == null) {
            notes.add("the existing EFI system partition (0xEF) becomes the ESP and is not reformatted");
        }
        if (os == TargetOs.WINDOWS) {
            notes.add("install the UEFI boot files on the new ESP before booting as Gen2 (bcdboot C:\\Windows /s S: "
                    + "/f UEFI), as MBR2GPT does; the disk boots only with UEFI afterwards");
            notes.add("the old active partition stays as a basic data partition and may take a drive letter (D:)");
            return;
        }
        int bios = byNumber.values().stream().filter(p -> p.created()
                && p.entry().type().equals(GptType.BIOS_BOOT.guid())).findFirst().map(PlannedPartition::number)
                .orElse(0);
        notes.add("the primary GPT overwrites LBA 1-" + (facts.geometry().firstUsable() - 1) + ", where GRUB keeps "
                + "its BIOS core.img on MBR disks: run grub-install --target=i386-pc onto BIOS boot partition " + bios
                + " before the next BIOS boot");
        notes.add("partition GUIDs are new: rewrite every PARTUUID= reference (fstab, GRUB, kernel command line); "
                + "UUID= and LABEL= references keep working");
        notes.add("mount the ESP at /boot/efi (LABEL=" + LINUX_ESP_LABEL + ") and run grub-install "
                + "--target=x86_64-efi to boot with UEFI");
    }
}
