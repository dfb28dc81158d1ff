package dev.trustlift.disk.partition.gpt;

import java.util.List;

/**
 * What GptReader found: whether each header's signature is there, the table from the first
 * header that checked out (null when none did), and every problem found, in words.
 */
public record GptScan(boolean primaryFound, boolean backupFound, GptPartitionTable table, List<String> problems) {
    public GptScan {
        problems = List.copyOf(problems);
    }

    public boolean present() {
        return primaryFound || backupFound;
    }

    public boolean clean() {
        return present() && table != null && problems.isEmpty();
    }
}
