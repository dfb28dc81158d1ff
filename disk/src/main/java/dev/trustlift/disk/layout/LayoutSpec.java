package dev.trustlift.disk.layout;

import java.util.List;

/**
 * A disk layout to write: the fleet contract's explicit form
 * {@code {"sectorSize":512,"sectors":N,"partitions":[{"type":"07","start":2048,"sectors":1024000,"active":true}]}}.
 * For MBR, {@code type} is the MBR type byte in hex; partitions inside an extended partition
 * (05/0F/85) become its logicals. For GPT, {@code type} is a gdisk code (EF00, 8300, ...) and
 * {@code number} the partition number.
 */
public record LayoutSpec(Scheme scheme, int sectorSize, long sectors, List<PartitionSpec> partitions) {
    public enum Scheme { MBR, GPT }

    /** Refuses partitions that do not fit, so a bad layout fails before any file is created. */
    public LayoutSpec {
        scheme = scheme == null ? Scheme.MBR : scheme;
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new IllegalArgumentException("sector size must be 512 or 4096, not " + sectorSize);
        }
        partitions = List.copyOf(partitions);
        for (PartitionSpec p : partitions) {
            if (p.start() < 1 || p.sectors() < 1 || p.last() >= sectors) {
                throw new IllegalArgumentException("partition " + p.type() + " at LBA " + p.start() + " + "
                        + p.sectors() + " sectors does not fit a disk of " + sectors + " sectors");
            }
        }
    }

    public static LayoutSpec mbr(int sectorSize, long sectors, List<PartitionSpec> partitions) {
        return new LayoutSpec(Scheme.MBR, sectorSize, sectors, partitions);
    }

    /** One partition: type, first LBA, length in sectors, active flag (MBR), number (GPT; 0 = next). */
    public record PartitionSpec(String type, long start, long sectors, boolean active, int number) {
        public PartitionSpec(String type, long start, long sectors, boolean active) {
            this(type, start, sectors, active, 0);
        }

        public long last() {
            return start + sectors - 1;
        }
    }
}
