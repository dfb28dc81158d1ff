package dev.trustlift.disk.convert;

import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.fs.fat32.Fat32Formatter;
import dev.trustlift.disk.io.BlockDevice;
import dev.trustlift.disk.io.SliceBlockDevice;
import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.mbr.MbrDisk;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies a plan, in the order that keeps the disk bootable as MBR until the last write:
 * grow, format the ESP (in free space), backup GPT array and header, flush, primary array and
 * header, flush, protective MBR, flush. An interruption before the last write leaves LBA 0 as it
 * was, so the disk is still the same MBR disk. Original partitions' bytes are never written.
 * Re-reads the disk afterwards and fails loudly unless it is a clean GPT matching the plan.
 */
public final class ConversionWriter {
    private static final long MAX_HIDDEN_SECTORS = 0xFFFFFFFFL;

    private ConversionWriter() {
    }

    public static DiskScan apply(BlockDevice device, ConversionPlan plan, Consumer<String> progress)
            throws IOException {
        checkUnchanged(device, plan);
        if (plan.grows()) {
            if (!(device instanceof DiskImage image)) {
                throw new IOException("the plan grows the disk but the device cannot grow");
            }
            progress.accept("growing the disk from " + device.size() + " to " + plan.newSizeBytes() + " bytes");
            image.grow(plan.newSizeBytes());
        }
        if (plan.esp() != null) {
            Extent esp = plan.esp();
            progress.accept("formatting the ESP (LBA " + esp + ") as FAT32, label " + plan.espLabel());
            int ss = plan.sectorSize();
            // The BPB's hidden-sector field is 32 bits; UEFI ignores it, so an ESP past 2 TiB records 0.
            long hidden = esp.first() > MAX_HIDDEN_SECTORS ? 0 : esp.first();
            Fat32Formatter.format(new SliceBlockDevice(device, esp.first() * ss, esp.sectors() * ss),
                    plan.espLabel(), plan.espVolumeId(), hidden);
        }
        GptPartitionTable table = plan.table();
        progress.accept("writing the backup GPT at LBA " + table.backup().entriesLba() + ".." + table.backup().myLba());
        table.writeBackup(device);
        device.flush();
        progress.accept("writing the primary GPT at LBA 1.." + (table.primary().firstUsableLba() - 1));
        table.writePrimary(device);
        device.flush();
        progress.accept("writing the protective MBR at LBA 0");
        device.write(0, plan.protectiveMbr().toBytes());
        device.flush();
        return verify(device, plan);
    }

    /** Compare before write: the disk must still be the one the plan was made from. */
    private static void checkUnchanged(BlockDevice device, ConversionPlan plan) throws IOException {
        if (device.sectorCount() != plan.oldSectors() || device.sectorSize() != plan.sectorSize()) {
            throw new IOException("the disk changed since the plan was made: " + device.sectorCount() + " sectors of "
                    + device.sectorSize() + " bytes, the plan expects " + plan.oldSectors() + " of "
                    + plan.sectorSize());
        }
        if (!MbrDisk.readSectorZero(device).equals(plan.originalMbr())) {
            throw new IOException("the disk changed since the plan was made: LBA 0 differs; nothing was written");
        }
    }

    private static DiskScan verify(BlockDevice device, ConversionPlan plan) throws IOException {
        DiskScan after = DiskClassifier.classify(device);
        if (after.diskClass() != DiskClass.GPT) {
            throw new IOException("verification after writing failed: the disk reads as " + after.summary());
        }
        List<PlannedPartition> expected = plan.partitions();
        for (PlannedPartition p : expected) {
            var read = after.gptTable().entries().get(p.number() - 1);
            if (!read.equals(p.entry())) {
                throw new IOException("verification after writing failed: partition " + p.number() + " reads back as "
                        + read.extent() + ", planned " + p.entry().extent());
            }
        }
        return after;
    }
}
