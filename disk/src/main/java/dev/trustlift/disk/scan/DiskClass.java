package dev.trustlift.disk.scan;

/** What kind of partitioning a disk has, after gdisk's MBRValidity (invalid, gpt, hybrid, mbr) plus empty. */
public enum DiskClass {
    /** No MBR signature, no GPT, LBA 0 blank: nothing to convert. */
    EMPTY,
    /** A valid MBR (primaries, perhaps an extended chain) and no 0xEE entry. */
    MBR,
    /** A valid GPT behind a protective MBR (a single 0xEE entry). */
    GPT,
    /** A valid GPT and an MBR with a 0xEE entry plus other partitions. */
    HYBRID,
    /** Something is damaged or inconsistent; the reasons say what. Nothing may be written. */
    INVALID
}
