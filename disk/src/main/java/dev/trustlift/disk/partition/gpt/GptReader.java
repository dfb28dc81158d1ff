package dev.trustlift.disk.partition.gpt;

import dev.trustlift.disk.io.BlockDevice;
import dev.trustlift.disk.partition.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Reads both GPT headers and arrays and checks what `sgdisk -v` checks: signatures, header and
 * array CRCs, MyLBA/AlternateLBA cross-pointers, identical geometry in both headers, arrays
 * outside the usable range, partitions inside it, in order and not overlapping. Never writes.
 */
public final class GptReader {
    /** gdisk refuses arrays larger than this; so do we, rather than allocate what a corrupt header says. */
    private static final long MAX_ARRAY_BYTES = 1024 * 1024;

    private GptReader() {
    }

    public static GptScan read(BlockDevice device) throws IOException {
        int sectorSize = device.sectorSize();
        long sectors = device.sectorCount();
        if (sectors < 3) {
            return new GptScan(false, false, null, List.of());
        }
        List<String> problems = new ArrayList<>();
        ByteBuffer primarySector = device.readSectors(GptGeometry.PRIMARY_HEADER_LBA, 1);
        boolean primaryFound = GptHeader.hasSignature(primarySector);
        Optional<GptPartitionTable> primary = primaryFound
                ? readTable(device, primarySector, GptGeometry.PRIMARY_HEADER_LBA, "primary", problems)
                : Optional.empty();
        long backupLba = primary.map(t -> t.primary().alternateLba()).orElse(sectors - 1);
        if (backupLba <= GptGeometry.PRIMARY_HEADER_LBA || backupLba >= sectors) {
            backupLba = sectors - 1;
        }
        ByteBuffer backupSector = device.readSectors(backupLba, 1);
        boolean backupFound = GptHeader.hasSignature(backupSector);
        Optional<GptPartitionTable> backup = backupFound
                ? readTable(device, backupSector, backupLba, "backup", problems)
                : Optional.empty();
        if (!primaryFound && !backupFound) {
            return new GptScan(false, false, null, List.of());
        }
        if (primaryFound != backupFound) {
            problems.add((primaryFound ? "backup" : "primary") + " GPT header missing at LBA "
                    + (primaryFound ? backupLba : GptGeometry.PRIMARY_HEADER_LBA)
                    + " (repair with gdisk: recovery menu r, then b or c)");
        }
        if (primary.isPresent() && backup.isPresent()) {
            crossCheck(primary.get().primary(), backup.get().primary(), problems);
        }
        GptPartitionTable table = primary.or(() -> backup).orElse(null);
        if (table != null) {
            checkEntries(table, sectors, problems);
        }
        return new GptScan(primaryFound, backupFound, table, problems);
    }

    private static Optional<GptPartitionTable> readTable(BlockDevice device, ByteBuffer sector, long lba, String which,
                                                         List<String> problems) throws IOException {
        int sectorSize = device.sectorSize();
        long sectors = device.sectorCount();
        GptHeader h = GptHeader.parse(sector.duplicate());
        if (h.headerSize() < GptHeader.HEADER_SIZE || h.headerSize() > sectorSize) {
            problems.add(which + " GPT header at LBA " + lba + " has header size " + h.headerSize()
                    + " (must be 92.." + sectorSize + ")");
            return Optional.empty();
        }
        int crc = GptHeader.computeCrc(sector.duplicate(), h.headerSize());
        if (crc != h.headerCrc()) {
            problems.add(String.format("%s GPT header CRC mismatch at LBA %d (stored 0x%08X, computed 0x%08X)",
                    which, lba, h.headerCrc(), crc));
            return Optional.empty();
        }
        if (h.myLba() != lba) {
            problems.add(which + " GPT header at LBA " + lba + " says MyLBA is " + h.myLba());
            return Optional.empty();
        }
        if (h.entrySize() < GptEntry.BYTES || Integer.bitCount(h.entrySize() / GptEntry.BYTES) != 1
                || h.entrySize() % GptEntry.BYTES != 0 || h.entryCount() <= 0 || h.arrayBytes() > MAX_ARRAY_BYTES) {
            problems.add(which + " GPT header has " + Integer.toUnsignedString(h.entryCount()) + " entries of "
                    + h.entrySize() + " bytes (entries must be 128 x 2^n bytes, the array at most 1 MiB)");
            return Optional.empty();
        }
        long arraySectors = GptGeometry.arraySectors(h.entryCount(), h.entrySize(), sectorSize);
        if (!inDisk(h.entriesLba(), sectors) || h.entriesLba() < 2 || h.entriesLba() + arraySectors > sectors
                || !inDisk(h.firstUsableLba(), sectors) || !inDisk(h.lastUsableLba(), sectors)
                || !inDisk(h.alternateLba(), sectors) || h.firstUsableLba() > h.lastUsableLba() + 1) {
            problems.add(which + " GPT header points outside the disk (entries at LBA " + h.entriesLba()
                    + ", usable " + h.firstUsableLba() + ".." + h.lastUsableLba() + ", disk " + sectors + " sectors)");
            return Optional.empty();
        }
        Extent array = Extent.ofLength(h.entriesLba(), arraySectors);
        if (h.lastUsableLba() >= h.firstUsableLba()
                && array.overlaps(new Extent(h.firstUsableLba(), h.lastUsableLba()))) {
            problems.add(which + " GPT partition array (LBA " + array + ") overlaps the usable range "
                    + h.firstUsableLba() + ".." + h.lastUsableLba());
        }
        ByteBuffer raw = device.readSectors(h.entriesLba(), (int) arraySectors).limit((int) h.arrayBytes());
        CRC32 arrayCrc = new CRC32();
        arrayCrc.update(raw.duplicate());
        if ((int) arrayCrc.getValue() != h.entriesCrc()) {
            problems.add(String.format("%s GPT partition array CRC mismatch at LBA %d (stored 0x%08X, computed 0x%08X)",
                    which, h.entriesLba(), h.entriesCrc(), (int) arrayCrc.getValue()));
            return Optional.empty();
        }
        List<GptEntry> entries = new ArrayList<>();
        for (int i = 0; i < h.entryCount(); i++) {
            entries.add(GptEntry.parse(raw, h.entrySize()));
        }
        return Optional.of(new GptPartitionTable(sectorSize, h, entries));
    }

    private static void crossCheck(GptHeader p, GptHeader b, List<String> problems) {
        if (p.alternateLba() != b.myLba() || b.alternateLba() != p.myLba()) {
            problems.add("GPT headers do not point at each other (primary AlternateLBA " + p.alternateLba()
                    + ", backup MyLBA " + b.myLba() + ", backup AlternateLBA " + b.alternateLba() + ")");
        }
        if (p.firstUsableLba() != b.firstUsableLba() || p.lastUsableLba() != b.lastUsableLba()
                || !p.diskGuid().equals(b.diskGuid()) || p.entryCount() != b.entryCount()
                || p.entrySize() != b.entrySize() || p.entriesCrc() != b.entriesCrc()) {
            problems.add("primary and backup GPT headers disagree (usable range, disk GUID, entry geometry or array)");
        }
    }

    private static void checkEntries(GptPartitionTable t, long sectors, List<String> problems) {
        GptHeader h = t.primary();
        List<GptPartitionTable.NumberedEntry> used = t.partitions();
        for (GptPartitionTable.NumberedEntry n : used) {
            GptEntry e = n.entry();
            if (!wellFormed(e)) {
                problems.add("GPT partition " + n.number() + " has first LBA " + Long.toUnsignedString(e.firstLba())
                        + " after its last LBA " + Long.toUnsignedString(e.lastLba()));
            } else if (e.firstLba() < h.firstUsableLba() || e.lastLba() > h.lastUsableLba() || e.lastLba() >= sectors) {
                problems.add("GPT partition " + n.number() + " (LBA " + e.firstLba() + ".." + e.lastLba()
                        + ") lies outside the usable range " + h.firstUsableLba() + ".." + h.lastUsableLba());
            }
        }
        for (int i = 0; i < used.size(); i++) {
            for (int j = i + 1; j < used.size(); j++) {
                GptEntry a = used.get(i).entry();
                GptEntry b = used.get(j).entry();
                boolean overlap = Long.compareUnsigned(a.firstLba(), b.lastLba()) <= 0
                        && Long.compareUnsigned(b.firstLba(), a.lastLba()) <= 0;
                if (overlap && wellFormed(a) && wellFormed(b)) {
                    problems.add("GPT partitions " + used.get(i).number() + " and " + used.get(j).number()
                            + " overlap");
                }
            }
        }
    }

    /** LBAs are unsigned 64-bit on disk; anything past the disk or negative as a Java long is damage. */
    private static boolean inDisk(long lba, long sectors) {
        return lba >= 0 && lba < sectors;
    }

    private static boolean wellFormed(GptEntry e) {
        return e.firstLba() >= 0 && e.firstLba() <= e.lastLba();
    }
}
