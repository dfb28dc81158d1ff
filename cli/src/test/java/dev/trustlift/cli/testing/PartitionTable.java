package dev.trustlift.cli.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A disk's partition table as util-linux's {@code sfdisk --dump} sees it: an independent reader. */
public record PartitionTable(String label, List<Entry> entries) {

    public static final String ESP_TYPE = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
    private static final Pattern ATTRS = Pattern.compile("attrs=\"([^\"]*)\"");
    private static final Pattern LINE = Pattern.compile("^(\\S+) : start=\\s*(\\d+), size=\\s*(\\d+), type=([0-9A-Fa-f-]+)(.*)$");

    /**
     * One partition: number as the kernel would name it, first sector, sectors, type (hex byte or
     * GUID), the MBR active flag, and GPT attributes as sfdisk names them ("" when none).
     */
    public record Entry(int number, long start, long size, String type, boolean bootable, String attributes) {
        public long offset() {
            return start * 512;
        }

        public long bytes() {
            return size * 512;
        }

        /** MBR extended containers (0x05, 0x0f, 0x85) hold no data of their own. */
        public boolean isExtendedContainer() {
            return type.equalsIgnoreCase("5") || type.equalsIgnoreCase("f") || type.equalsIgnoreCase("85");
        }
    }

    public static PartitionTable read(Path image) {
        ToolRun dump = ToolRun.ok("sfdisk", "--dump", image.toString());
        String label = "";
        String device = image.toString();
        List<Entry> entries = new ArrayList<>();
        for (String line : dump.out().split("\n")) {
            if (line.startsWith("label: ")) {
                label = line.substring(7).trim();
            } else if (line.startsWith("device: ")) {
                device = line.substring(8).trim();
            }
            Matcher m = LINE.matcher(line.trim());
            if (m.matches()) {
                String suffix = m.group(1).substring(device.length()).replaceFirst("^p", "");
                Matcher attrs = ATTRS.matcher(m.group(5));
                entries.add(new Entry(Integer.parseInt(suffix), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        m.group(4), m.group(5).contains("bootable"), attrs.find() ? attrs.group(1) : ""));
            }
        }
        return new PartitionTable(label, List.copyOf(entries));
    }

    /** Partitions that hold data (no extended containers). */
    public List<Entry> dataPartitions() {
        return entries.stream().filter(e -> !e.isExtendedContainer()).toList();
    }

    public Optional<Entry> esp() {
        return entries.stream().filter(e -> e.type().equalsIgnoreCase(ESP_TYPE)).findFirst();
    }

    public Optional<Entry> at(long start) {
        return entries.stream().filter(e -> e.start() == start).findFirst();
    }
}
