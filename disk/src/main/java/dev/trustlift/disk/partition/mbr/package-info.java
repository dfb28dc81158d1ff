/**
 * MBR on disk: 16-byte entries with CHS, the 512-byte MBR, EBR chains (checked for loops and
 * bounds before each link is followed) and the protective MBR of a GPT disk. Reads and writes
 * through {@code io.BlockDevice}; checked against sfdisk.
 */
package dev.trustlift.disk.partition.mbr;
