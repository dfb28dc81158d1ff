package dev.trustlift.disk.partition.gpt;

import dev.trustlift.disk.io.BlockDevice;
import dev.trustlift.disk.partition.Guid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A whole GPT: the primary header and the entry array (index i is partition i+1). The backup
 * header is derived from the primary, never stored separately, so the two cannot disagree.
 */
public record GptPartitionTable(int sectorSize, GptHeader primary, List<GptEntry> entries) {

    public GptPartitionTable {
        entries = List.copyOf(entries);
        if (entries.size() != primary.entryCount()) {
            throw new IllegalArgumentException("the header says " + primary.entryCount() + " entries, not "
                    + entries.size());
        }
    }

    /** A new table on a disk of {@code geometry}, entries given by partition number (1-based) order. */
    public static GptPartitionTable create(GptGeometry geometry, Guid diskGuid, List<GptEntry> byNumber) {
        if (byNumber.size() > GptGeometry.ENTRY_COUNT) {
            throw new IllegalArgumentException("a GPT holds at most 128 partitions here");
        }
        List<GptEntry> all = new ArrayList<>(byNumber);
        while (all.size() < GptGeometry.ENTRY_COUNT) {
            all.add(GptEntry.UNUSED);
        }
        int arrayCrc = arrayCrc(all, GptGeometry.ENTRY_SIZE);
        GptHeader header = new GptHeader(GptHeader.REVISION_1_0, GptHeader.HEADER_SIZE, 0,
                GptGeometry.PRIMARY_HEADER_LBA, geometry.backupHeaderLba(), geometry.firstUsable(),
                geometry.lastUsable(), diskGuid, GptGeometry.PRIMARY_ENTRIES_LBA, GptGeometry.ENTRY_COUNT,
                GptGeometry.ENTRY_SIZE, arrayCrc).withComputedCrc();
        return new GptPartitionTable(geometry.sectorSize(), header, all);
    }

    public GptHeader backup() {
        return primary.backup(sectorSize);
    }

    /** The used entries with their partition numbers. */
    public List<NumberedEntry> partitions() {
        List<NumberedEntry> used = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).isUsed()) {
                used.add(new NumberedEntry(i + 1, entries.get(i)));
            }
        }
        return used;
    }

    public record NumberedEntry(int number, GptEntry entry) {
    }

    /** The entry array padded to whole sectors. */
    public ByteBuffer arrayBytes() {
        long sectors = GptGeometry.arraySectors(entries.size(), primary.entrySize(), sectorSize);
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(sectors * sectorSize));
        for (GptEntry e : entries) {
            int start = buf.position();
            e.writeTo(buf);
            buf.position(start + primary.entrySize());
        }
        return buf.clear();
    }

    /** Writes the backup array, then the backup header. */
    public void writeBackup(BlockDevice device) throws IOException {
        GptHeader backup = backup();
        device.write(backup.entriesLba() * sectorSize, arrayBytes());
        device.write(backup.myLba() * sectorSize, backup.toSector(sectorSize));
    }

    /** Writes the primary array, then the primary header. */
    public void writePrimary(BlockDevice device) throws IOException {
        device.write(primary.entriesLba() * sectorSize, arrayBytes());
        device.write(primary.myLba() * sectorSize, primary.toSector(sectorSize));
    }

    static int arrayCrc(List<GptEntry> entries, int entrySize) {
        ByteBuffer buf = ByteBuffer.allocate(entries.size() * entrySize);
        for (GptEntry e : entries) {
            int start = buf.position();
            e.writeTo(buf);
            buf.position(start + entrySize);
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array());
        return (int) crc.getValue();
    }
}
