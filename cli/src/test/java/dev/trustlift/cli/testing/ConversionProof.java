package dev.trustlift.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a correct MBR-to-GPT conversion leaves behind, checked by tools that share no code with
 * trustlift: sgdisk -v is clean, every original partition keeps its start, size and bytes and gets
 * the GPT type MBR2GPT and gdisk give it, and there is an ESP that blkid calls vfat, fsck.vfat
 * finds clean and mtools can write to.
 */
public final class ConversionProof {
    /** MBR type -> GPT type as MBR2GPT and gdisk map them (facts/disk-conversion.md sections 1-2). */
    private static final Map<String, String> GPT_TYPE_OF = Map.of(
            "7", "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
            "c", "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7",
            "27", "DE94BBA4-06D1-4D40-A16A-BFD50179D6AC",
            "82", "0657FD6D-A4AB-43C4-84E5-0933C84B4F4F",
            "83", "0FC63DAF-8483-4772-8E79-3D69D8477DE4",
            "8e", "E6D6D379-F507-44C2-A23C-238F2A3DF928");
    private static final Pattern CAUTION = Pattern.compile("(?i)corrupt|invalid|crc|don.t match|overlap|error");

    /** The original partitions of a raw MBR disk and the SHA-256 of each one's bytes. */
    public record Baseline(List<PartitionTable.Entry> partitions, Map<Integer, String> sha256) {
        public static Baseline of(Path raw) {
            List<PartitionTable.Entry> data = PartitionTable.read(raw).dataPartitions();
            Map<Integer, String> hashes = new LinkedHashMap<>();
            for (PartitionTable.Entry e : data) {
                hashes.put(e.number(), ByteRanges.sha256(raw, e.offset(), e.bytes()));
            }
            return new Baseline(data, hashes);
        }
    }

    private ConversionProof() {
    }

    /** Checks {@code converted} (a raw image) against {@code before}; fails with every problem found. */
    public static void verify(Baseline before, Path converted, Path scratch) {
        List<String> problems = new ArrayList<>();
        // sgdisk -v repairs a bad backup header in memory and still says "No problems found";
        // only its cautions on the side (and fdisk's complaint) show the damage.
        ToolRun verify = ToolRun.of("sgdisk", "-v", converted.toString());
        String said = verify.out() + verify.err();
        if (verify.exitCode() != 0 || !said.contains("No problems found") || CAUTION.matcher(said).find()) {
            problems.add("sgdisk -v: " + said.strip().replaceAll("\\s+", " "));
        }
        ToolRun fdisk = ToolRun.of("fdisk", "-l", converted.toString());
        if (fdisk.exitCode() != 0 || CAUTION.matcher(fdisk.out() + fdisk.err()).find()) {
            problems.add("fdisk -l: " + fdisk.err().strip().replaceAll("\\s+", " "));
        }
        PartitionTable after = PartitionTable.read(converted);
        if (!after.label().equals("gpt")) {
            problems.add("sfdisk sees a '" + after.label() + "' label, not gpt");
        }
        for (PartitionTable.Entry original : before.partitions()) {
            var kept = after.at(original.start());
            if (kept.isEmpty() || kept.get().size() != original.size()) {
                problems.add("partition " + original.number() + " (start " + original.start() + ", size " + original.size()
                        + ") is now " + kept.map(PartitionTable.Entry::toString).orElse("gone"));
                continue;
            }
            String wanted = GPT_TYPE_OF.get(original.type().toLowerCase());
            if (wanted != null && !wanted.equalsIgnoreCase(kept.get().type())) {
                problems.add("partition " + original.number() + " of MBR type " + original.type() + " became GPT type "
                        + kept.get().type() + ", expected " + wanted);
            }
            // MBR2GPT marks the recovery partition platform-required and without a drive letter.
            if (original.type().equals("27") && !kept.get().attributes().equals("RequiredPartition GUID:63")) {
                problems.add("recovery partition " + original.number() + " has attributes '" + kept.get().attributes()
                        + "', expected RequiredPartition GUID:63");
            }
            String hash = ByteRanges.sha256(converted, original.offset(), original.bytes());
            if (!hash.equals(before.sha256().get(original.number()))) {
                problems.add("partition " + original.number() + " bytes changed (SHA-256 " + hash + ")");
            }
        }
        after.esp().ifPresentOrElse(esp -> checkEsp(converted, esp, scratch, problems),
                () -> problems.add("no partition of type " + PartitionTable.ESP_TYPE));
        if (!problems.isEmpty()) {
            throw new AssertionError(converted + " is not a correct conversion:\n  " + String.join("\n  ", problems)
                    + "\n" + ToolRun.of("sfdisk", "--dump", converted.toString()).out());
        }
    }

    private static void checkEsp(Path image, PartitionTable.Entry esp, Path scratch, List<String> problems) {
        ToolRun blkid = ToolRun.of("blkid", "-p", "-O", String.valueOf(esp.offset()), "-S", String.valueOf(esp.bytes()),
                "-o", "value", "-s", "TYPE", image.toString());
        if (!blkid.out().strip().equals("vfat")) {
            problems.add("blkid sees the ESP as '" + blkid.out().strip() + "' (exit " + blkid.exitCode() + "), not vfat");
        }
        Path copy = scratch.resolve("esp-copy.img");
        try {
            ToolRun.ok("dd", "if=" + image, "of=" + copy, "bs=1M", "skip=" + esp.offset(), "count=" + esp.bytes(),
                    "iflag=skip_bytes,count_bytes", "conv=sparse", "status=none");
            ToolRun fsck = ToolRun.of("fsck.vfat", "-n", copy.toString());
            if (fsck.exitCode() != 0) {
                problems.add("fsck.vfat -n exit " + fsck.exitCode() + ": " + fsck.out().strip().replace('\n', ' '));
            }
            // mtools decides FAT12/16/32 from the cluster count as UEFI's FAT driver does, so a
            // "FAT32" with too few clusters fails here although fsck.vfat accepts it.
            ToolRun mmd = ToolRun.of(Duration.ofSeconds(30), Map.of("MTOOLS_SKIP_CHECK", "1"),
                    "mmd", "-i", copy.toString(), "::/EFI");
            if (mmd.exitCode() != 0 || !mmd.err().isBlank()) {
                problems.add("mtools cannot make a directory on the ESP: " + mmd.err().strip());
            }
            Files.delete(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
