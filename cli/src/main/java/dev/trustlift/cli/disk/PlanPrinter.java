package dev.trustlift.cli.disk;

import dev.trustlift.disk.convert.ConversionPlan;
import dev.trustlift.disk.convert.PlannedPartition;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.Sizes;
import dev.trustlift.disk.partition.gpt.GptEntry;
import dev.trustlift.disk.partition.gpt.GptHeader;
import java.io.PrintWriter;

/** The conversion plan in words: growth, the new GPT partition by partition, the protective MBR, notes. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(PrintWriter out, ConversionPlan plan) {
        out.println("Plan (" + plan.os().label() + "):");
        if (plan.grows()) {
            out.printf("  grow the disk by %s: %d -> %d sectors%n", Sizes.human(plan.growBytes()), plan.oldSectors(),
                    plan.newSectors());
        }
        GptHeader h = plan.table().primary();
        out.printf("  new GPT: disk GUID %s, usable LBA %d..%d, backup GPT at LBA %d..%d%n", h.diskGuid(),
                h.firstUsableLba(), h.lastUsableLba(), plan.table().backup().entriesLba(), h.alternateLba());
        TextTable t = new TextTable("Number", "Start", "End", "Sectors", "Size", "Code", "Type", "Attributes", "From");
        for (PlannedPartition p : plan.partitions()) {
            GptEntry e = p.entry();
            long sectors = e.lastLba() - e.firstLba() + 1;
            GptType type = GptType.of(e.type()).orElseThrow();
            String from = p.created() ? "new" + (e.extent().equals(plan.esp()) ? ", FAT32 label " + plan.espLabel() : "")
                    : p.origin() + ", bytes untouched";
            t.row(p.number(), e.firstLba(), e.lastLba(), sectors, Sizes.human(sectors * plan.sectorSize()),
                    type.code(), type.displayName(), String.format("0x%016x", e.attributes()), from);
        }
        java.io.StringWriter table = new java.io.StringWriter();
        t.print(new PrintWriter(table, true));
        table.toString().lines().forEach(line -> out.println("    " + line));
        out.printf("  protective MBR: one 0xEE entry from LBA 1, %d sectors; boot code kept; disk signature 0x%08x -> 0%n",
                plan.protectiveMbr().entries().get(0).sectors(), plan.originalMbr().diskSignature());
        out.println("  write order: ESP format, backup GPT, primary GPT, protective MBR last");
        if (!plan.notes().isEmpty()) {
            out.println("Notes:");
            plan.notes().forEach(n -> out.println("  - " + n));
        }
    }
}
