package dev.trustlift.disk.scan;

import dev.trustlift.disk.io.BlockDevice;
import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.partition.gpt.GptReader;
import dev.trustlift.disk.partition.gpt.GptScan;
import dev.trustlift.disk.partition.mbr.MasterBootRecord;
import dev.trustlift.disk.partition.mbr.MbrDisk;
import dev.trustlift.disk.partition.mbr.ProtectiveMbr;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LBA 0, both GPT headers and any extended chain, and decides what the disk is before
 * anything acts on it (gdisk's MBRValidity idea). Damage becomes INVALID with reasons rather
 * than an exception, so callers always get one answer. Never writes.
 */
public final class DiskClassifier {
    private DiskClassifier() {
    }

    public static DiskScan classify(BlockDevice device) throws IOException {
        int sectorSize = device.sectorSize();
        long sectors = device.sectorCount();
        MasterBootRecord mbr = MbrDisk.readSectorZero(device);
        GptScan gpt = GptReader.read(device);
        List<String> reasons = new ArrayList<>();
        DiskClass kind;
        MbrDisk mbrDisk = null;
        if (!mbr.hasBootSignature()) {
            if (gpt.clean()) {
                kind = DiskClass.GPT;
                reasons.add("no protective MBR at LBA 0 (gdisk writes one on its next save)");
            } else if (gpt.present()) {
                kind = DiskClass.INVALID;
                reasons.addAll(gpt.problems());
            } else if (isBlank(mbr)) {
                kind = DiskClass.EMPTY;
                reasons.add("no partition table: LBA 0 is blank and there is no GPT header");
            } else {
                kind = DiskClass.INVALID;
                reasons.add(String.format("no partition table: LBA 0 has no 0x55AA boot signature (found 0x%04X) "
                        + "and there is no GPT header; is this a disk image?", mbr.bootSignature()));
            }
        } else if (ProtectiveMbr.hasProtectiveEntry(mbr)) {
            boolean pure = ProtectiveMbr.isProtective(mbr);
            if (!gpt.present()) {
                kind = DiskClass.INVALID;
                reasons.add("the MBR has a 0xEE (GPT protective) entry but there is no GPT header at LBA 1 or at the "
                        + "last LBA");
            } else if (!gpt.clean()) {
                kind = DiskClass.INVALID;
                reasons.addAll(gpt.problems());
            } else {
                kind = pure ? DiskClass.GPT : DiskClass.HYBRID;
                if (!pure) {
                    reasons.add("hybrid MBR: the MBR lists partitions besides the 0xEE entry");
                }
            }
        } else {
            try {
                mbrDisk = MbrDisk.read(device);
                kind = DiskClass.MBR;
                if (gpt.present()) {
                    reasons.add("stale GPT data found without a 0xEE entry in the MBR; the MBR is authoritative "
                            + "and conversion overwrites the stale GPT");
                }
            } catch (CorruptImageException e) {
                kind = DiskClass.INVALID;
                reasons.add(e.getMessage());
            }
        }
        return new DiskScan(sectorSize, sectors, kind, reasons, mbr, mbrDisk, gpt);
    }

    private static boolean isBlank(MasterBootRecord mbr) {
        ByteBuffer bytes = mbr.toBytes();
        while (bytes.hasRemaining()) {
            if (bytes.get() != 0) {
                return false;
            }
        }
        return true;
    }
}
