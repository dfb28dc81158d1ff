package dev.trustlift.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A sparse raw MBR disk made by the real tools: sfdisk writes the table, mkntfs / mkfs.ext4 /
 * mkswap format the partitions (into a temporary file, copied in at the partition's offset), and a
 * few seeded random blocks inside every partition make its hash sensitive to any stray write.
 */
public final class SampleDisk {
    public static final long MIB = 1024 * 1024;
    private static final long SECTORS_PER_MIB = MIB / 512;

    /** What goes into a partition after sfdisk has made it. */
    public enum Content { NTFS, EXT4, SWAP, NONE }

    /** sizeSectors 0 means "to the end of the disk". */
    public record Part(long startSector, long sizeSectors, String type, boolean bootable, Content content, String label) {
    }

    private final String name;
    private final long diskMib;
    private final List<Part> parts = new ArrayList<>();

    private SampleDisk(String name, long diskMib) {
        this.name = name;
        this.diskMib = diskMib;
    }

    public static SampleDisk mbr(String name, long diskMib) {
        return new SampleDisk(name, diskMib);
    }

    /** A Gen1 Windows disk: 500 MiB active "System Reserved", then C: up to {@code tailFreeMib} before the end. */
    public static SampleDisk windows(long diskMib, long tailFreeMib) {
        long cStart = 2048 + 500 * SECTORS_PER_MIB;
        long cSize = tailFreeMib == 0 ? 0 : diskMib * SECTORS_PER_MIB - cStart - tailFreeMib * SECTORS_PER_MIB;
        return mbr(tailFreeMib == 0 ? "windows-full" : "windows-tail", diskMib)
                .part(2048, 500 * SECTORS_PER_MIB, "7", true, Content.NTFS, "System Reserved")
                .part(cStart, cSize, "7", false, Content.NTFS, "Windows");
    }

    /** Azure's Windows layout with a recovery partition (type 0x27) after C:, no free space. */
    public static SampleDisk windowsWithRecovery() {
        long cStart = 2048 + 500 * SECTORS_PER_MIB;
        long recoveryStart = cStart + 400 * SECTORS_PER_MIB;
        return mbr("windows-recovery", 1200)
                .part(2048, 500 * SECTORS_PER_MIB, "7", true, Content.NTFS, "System Reserved")
                .part(cStart, 400 * SECTORS_PER_MIB, "7", false, Content.NTFS, "Windows")
                .part(recoveryStart, 0, "27", false, Content.NTFS, "Recovery");
    }

    /** A Linux disk: ext4 root from {@code firstSector} (2048 or the old 63), swap, free tail. */
    public static SampleDisk linux(long firstSector) {
        long rootEnd = 160 * SECTORS_PER_MIB;
        return mbr("linux-" + firstSector, 512)
                .part(firstSector, rootEnd - firstSector, "83", true, Content.EXT4, "root")
                .part(rootEnd, 64 * SECTORS_PER_MIB, "82", false, Content.SWAP, "swap");
    }

    public static SampleDisk fourPrimaries() {
        SampleDisk d = mbr("four-primaries", 512);
        for (int i = 0; i < 4; i++) {
            d.part(2048 + i * 48 * SECTORS_PER_MIB, 48 * SECTORS_PER_MIB, "7", i == 0, Content.NTFS, "P" + (i + 1));
        }
        return d;
    }

    /** p1 ext4, p2 extended holding p5 ext4 and p6 swap, free tail. */
    public static SampleDisk extended() {
        return mbr("extended", 512)
                .part(2048, 64 * SECTORS_PER_MIB, "83", true, Content.EXT4, "boot")
                .part(66 * SECTORS_PER_MIB, 128 * SECTORS_PER_MIB, "5", false, Content.NONE, "")
                .part(67 * SECTORS_PER_MIB, 64 * SECTORS_PER_MIB, "83", false, Content.EXT4, "data")
                .part(132 * SECTORS_PER_MIB, 32 * SECTORS_PER_MIB, "82", false, Content.SWAP, "swap");
    }

    public SampleDisk part(long startSector, long sizeSectors, String type, boolean bootable, Content content, String label) {
        parts.add(new Part(startSector, sizeSectors, type, bootable, content, label));
        return this;
    }

    public String name() {
        return name;
    }

    /** Writes the disk to {@code dir/<name>.img} and returns the path. */
    public Path build(Path dir) {
        Path image = dir.resolve(name + ".img");
        try {
            Files.deleteIfExists(image);
            ToolRun.ok("truncate", "-s", diskMib + "M", image.toString());
            StringBuilder script = new StringBuilder("label: dos\n");
            for (Part p : parts) {
                script.append("start=").append(p.startSector());
                if (p.sizeSectors() > 0) {
                    script.append(", size=").append(p.sizeSectors());
                }
                script.append(", type=").append(p.type()).append(p.bootable() ? ", bootable" : "").append('\n');
            }
            ToolRun.shell("printf '%s' \"$1\" | sfdisk -q \"$2\"", script.toString(), image.toString());
            PartitionTable table = PartitionTable.read(image);
            Random random = new Random(name.hashCode());
            for (Part p : parts) {
                PartitionTable.Entry e = table.at(p.startSector()).orElseThrow(
                        () -> new AssertionError("sfdisk made no partition at " + p.startSector()));
                format(image, e, p, dir);
                if (p.content() != Content.NONE) {
                    scatterRandomBlocks(image, e, random);
                }
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path image, PartitionTable.Entry e, Part p, Path dir) throws IOException {
        if (p.content() == Content.NONE) {
            return;
        }
        Path fs = dir.resolve("fs-" + e.start() + ".tmp");
        ToolRun.ok("truncate", "-s", String.valueOf(e.bytes()), fs.toString());
        switch (p.content()) {
            case NTFS -> ToolRun.ok("mkntfs", "--fast", "--force", "--quiet", "--label", p.label(),
                    "--partition-start", String.valueOf(e.start()), "--sector-size", "512",
                    "--heads", "255", "--sectors-per-track", "63", fs.toString());
            case EXT4 -> ToolRun.ok("mkfs.ext4", "-q", "-F", "-L", p.label(),
                    "-E", "lazy_itable_init=1,lazy_journal_init=1", fs.toString());
            case SWAP -> ToolRun.ok("mkswap", "-L", p.label(), fs.toString());
            default -> throw new IllegalStateException(p.content().toString());
        }
        ToolRun.ok("dd", "if=" + fs, "of=" + image, "bs=1M", "seek=" + e.offset(), "oflag=seek_bytes",
                "conv=sparse,notrunc", "status=none");
        Files.delete(fs);
    }

    /** Three 4 KiB random blocks: near the start (past the boot sector), the middle and the end. */
    private static void scatterRandomBlocks(Path image, PartitionTable.Entry e, Random random) throws IOException {
        byte[] block = new byte[4096];
        long[] where = {e.offset() + 64 * 1024, e.offset() + e.bytes() / 2 / 4096 * 4096, e.offset() + e.bytes() - 64 * 1024};
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            for (long pos : where) {
                random.nextBytes(block);
                ch.write(ByteBuffer.wrap(block), pos);
            }
        }
    }
}
