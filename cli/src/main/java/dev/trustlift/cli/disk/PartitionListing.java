package dev.trustlift.cli.disk;

import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.MbrType;
import dev.trustlift.disk.partition.Sizes;
import dev.trustlift.disk.partition.gpt.GptHeader;
import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskScan;
import java.io.PrintWriter;
import java.nio.file.Path;

/** The text of `disk inspect`: fdisk -l for MBR disks, gdisk -l for GPT disks, plus the classification. */
final class PartitionListing {
    private PartitionListing() {
    }

    static void printHeader(PrintWriter out, Path path, DiskImage image, DiskScan scan) {
        out.printf("Disk %s: %s, %d bytes, %d sectors%n", path, Sizes.human(image.size()), image.size(),
                image.sectorCount());
        out.printf("Container: %s, sector size %d bytes%n", Formats.label(image.format()), image.sectorSize());
        out.println("Classification: " + scan.diskClass());
        for (String reason : scan.reasons()) {
            out.println("  " + reason);
        }
    }

    static void printTable(PrintWriter out, DiskScan scan) {
        if (scan.diskClass() == DiskClass.MBR) {
            printMbr(out, scan);
        } else if (scan.gptTable() != null && scan.diskClass() != DiskClass.INVALID) {
            printGpt(out, scan);
        }
    }

    private static void printMbr(PrintWriter out, DiskScan scan) {
        out.printf("Disklabel type: dos, disk identifier 0x%08x%n%n", scan.mbr().diskSignature());
        TextTable t = new TextTable("Number", "Boot", "Start", "End", "Sectors", "Size", "Id", "Type");
        for (MbrPartition p : scan.mbrDisk().partitions()) {
            t.row(p.number(), p.active() ? "*" : "", p.extent().first(), p.extent().last(), p.extent().sectors(),
                    Sizes.human(p.extent().sectors() * scan.sectorSize()), String.format("%02x", p.type()),
                    MbrType.name(p.type()));
        }
        t.print(out);
    }

    private static void printGpt(PrintWriter out, DiskScan scan) {
        GptPartitionTable table = scan.gptTable();
        GptHeader h = table.primary();
        out.printf("Disklabel type: gpt, disk identifier %s%n", h.diskGuid());
        out.printf("First usable LBA %d, last usable LBA %d, %d entries; backup header at LBA %d%n%n",
                h.firstUsableLba(), h.lastUsableLba(), h.entryCount(), h.alternateLba());
        TextTable t = new TextTable("Number", "Start", "End", "Sectors", "Size", "Code", "Type", "Attributes",
                "Unique GUID", "Name");
        for (GptPartitionTable.NumberedEntry n : table.partitions()) {
            var e = n.entry();
            long sectors = e.lastLba() - e.firstLba() + 1;
            String code = GptType.of(e.type()).map(GptType::code).orElse("????");
            String name = GptType.of(e.type()).map(GptType::displayName).orElse(e.type().toString());
            t.row(n.number(), e.firstLba(), e.lastLba(), sectors, Sizes.human(sectors * scan.sectorSize()), code, name,
                    String.format("0x%016x", e.attributes()), e.unique(), e.name());
        }
        t.print(out);
    }
}
