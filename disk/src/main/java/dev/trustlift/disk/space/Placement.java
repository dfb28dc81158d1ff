package dev.trustlift.disk.space;

import dev.trustlift.disk.partition.Extent;

/**
 * Where the new system partitions go: the ESP (null when the disk already has one) and the BIOS
 * boot partition (null when not wanted). {@code biosBootInGap} tells whether the BIOS boot
 * partition sits in the space before the first 1 MiB boundary, as the Azure Linux images have it.
 */
public record Placement(Extent esp, Extent biosBoot, boolean biosBootInGap) {
}
