package dev.trustlift.disk.layout;

import dev.trustlift.disk.io.BlockDevice;
import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.Guid;
import dev.trustlift.disk.partition.MbrType;
import dev.trustlift.disk.partition.gpt.GptEntry;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.mbr.ExtendedBootRecord;
import dev.trustlift.disk.partition.mbr.MasterBootRecord;
import dev.trustlift.disk.partition.mbr.MbrPartitionEntry;
import dev.trustlift.disk.partition.mbr.ProtectiveMbr;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a layout's partition tables (MBR with EBR chain, or GPT with protective MBR) onto a
 * device. Only the tables: partition contents are left as they are.
 */
public final class LayoutWriter {
    private LayoutWriter() {
    }

    public static void write(BlockDevice device, LayoutSpec spec, Random random) throws IOException {
        if (device.sectorSize() != spec.sectorSize() || device.sectorCount() != spec.sectors()) {
            throw new IllegalArgumentException("layout is for " + spec.sectors() + " sectors of " + spec.sectorSize()
                    + " bytes, the device has " + device.sectorCount() + " of " + device.sectorSize());
        }
        if (spec.scheme() == LayoutSpec.Scheme.GPT) {
            writeGpt(device, spec, random);
        } else {
            writeMbr(device, spec, random);
        }
        device.flush();
    }

    private static void writeMbr(BlockDevice device, LayoutSpec spec, Random random) throws IOException {
        List<PartitionSpec> primaries = new ArrayList<>();
        List<PartitionSpec> logicals = new ArrayList<>();
        PartitionSpec extended = spec.partitions().stream().filter(p -> MbrType.isExtended(mbrType(p))).findFirst()
                .orElse(null);
        for (PartitionSpec p : spec.partitions()) {
            boolean inside = extended != null && p != extended
                    && new Extent(extended.start(), extended.last()).contains(new Extent(p.start(), p.last()));
            (inside ? logicals : primaries).add(p);
        }
        if (primaries.size() > MasterBootRecord.ENTRY_COUNT) {
            throw new IllegalArgumentException("an MBR holds 4 primary partitions, the layout has " + primaries.size());
        }
        List<MbrPartitionEntry> entries = new ArrayList<>();
        for (PartitionSpec p : primaries) {
            entries.add(MbrPartitionEntry.of(p.active(), mbrType(p), p.start(), p.sectors(), p.start()));
        }
        while (entries.size() < MasterBootRecord.ENTRY_COUNT) {
            entries.add(MbrPartitionEntry.EMPTY);
        }
        MasterBootRecord mbr = MasterBootRecord.of(new byte[MasterBootRecord.BOOT_CODE_BYTES],
                random.nextInt() & 0xFFFFFFFFL, entries);
        if (extended != null) {
            writeEbrChain(device, extended, logicals.stream().sorted((a, b) -> Long.compare(a.start(), b.start()))
                    .toList());
        }
        device.write(0, mbr.toBytes());
    }

    /** First EBR at the extended partition's start; each next EBR right after the previous logical. */
    private static void writeEbrChain(BlockDevice device, PartitionSpec extended, List<PartitionSpec> logicals)
            throws IOException {
        long ebr = extended.start();
        for (int i = 0; i < logicals.size(); i++) {
            PartitionSpec l = logicals.get(i);
            if (l.start() <= ebr) {
                throw new IllegalArgumentException("logical partition at LBA " + l.start()
                        + " leaves no sector for its EBR at LBA " + ebr);
            }
            MbrPartitionEntry logical = MbrPartitionEntry.of(l.active(), mbrType(l), l.start() - ebr, l.sectors(),
                    l.start());
            MbrPartitionEntry next = MbrPartitionEntry.EMPTY;
            long nextEbr = l.last() + 1;
            if (i + 1 < logicals.size()) {
                PartitionSpec n = logicals.get(i + 1);
                next = MbrPartitionEntry.of(false, MbrType.EXTENDED_CHS, nextEbr - extended.start(),
                        n.last() - nextEbr + 1, nextEbr);
            }
            device.write(ebr * device.sectorSize(), new ExtendedBootRecord(logical, next).toBytes());
            ebr = nextEbr;
        }
    }

    private static void writeGpt(BlockDevice device, LayoutSpec spec, Random random) throws IOException {
        GptGeometry geometry = new GptGeometry(spec.sectorSize(), spec.sectors());
        GptEntry[] byNumber = new GptEntry[GptGeometry.ENTRY_COUNT];
        Arrays.fill(byNumber, GptEntry.UNUSED);
        int next = 1;
        for (PartitionSpec p : spec.partitions()) {
            int number = p.number() > 0 ? p.number() : next;
            GptType type = gptType(p.type());
            byNumber[number - 1] = new GptEntry(type.guid(), Guid.random(random), p.start(), p.last(), 0,
                    type.displayName());
            next = Math.max(next, number + 1);
        }
        int last = 0;
        for (int i = 0; i < byNumber.length; i++) {
            last = byNumber[i].isUsed() ? i + 1 : last;
        }
        GptPartitionTable table = GptPartitionTable.create(geometry, Guid.random(random),
                Arrays.asList(byNumber).subList(0, last));
        table.writeBackup(device);
        table.writePrimary(device);
        device.write(0, ProtectiveMbr.forDisk(spec.sectors(), new byte[MasterBootRecord.BOOT_CODE_BYTES]).toBytes());
    }

    static int mbrType(PartitionSpec p) {
        try {
            int t = HexFormat.fromHexDigits(p.type().replaceFirst("^0[xX]", ""));
            if (t < 1 || t > 0xFF) {
                throw new NumberFormatException();
            }
            return t;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MBR partition type '" + p.type() + "' is not a hex byte like 07 or 83");
        }
    }

    static GptType gptType(String code) {
        return Arrays.stream(GptType.values()).filter(t -> t.code().equalsIgnoreCase(code.toUpperCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown GPT type code '" + code + "'"));
    }
}
