package dev.trustlift.disk.convert;

import dev.trustlift.disk.partition.gpt.GptEntry;

/** One partition of the new GPT, with where it came from ("MBR 2, 0x07" or "new"). */
public record PlannedPartition(int number, GptEntry entry, String origin, boolean created) {
}
