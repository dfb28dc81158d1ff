package dev.trustlift.core.vmlist;

import dev.trustlift.core.cloud.VmRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a --vms file: either the official script's CSV (vmName, vmResourceGroupName,
 * enableSecureBoot; header case-insensitive, UTF-8 BOM tolerated, RFC 4180 quotes, extra columns
 * ignored) or one VM resource id per line (blank lines and # comments skipped). Anything
 * doubtful is an error with its line number: a list that silently drops a VM is worse than none.
 */
public final class VmListFile {
    static final String VM_NAME = "vmname";
    static final String RESOURCE_GROUP = "vmresourcegroupname";
    static final String SECURE_BOOT = "enablesecureboot";
    private static final String EXPECTED = "vmName,vmResourceGroupName,enableSecureBoot";
    private static final char BOM = '\uFEFF';

    private VmListFile() {
    }

    public static List<VmListEntry> read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses the text of a file; {@code source} names it in messages. */
    public static List<VmListEntry> parse(String source, String text) {
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        int first = 0;
        while (first < lines.size() && skippable(lines.get(first))) {
            first++;
        }
        if (first == lines.size()) {
            throw new VmListException(source + ": no VMs in the file (expected a CSV with header " + EXPECTED
                    + ", or one VM resource id per line)");
        }
        List<VmListEntry> entries = lines.get(first).trim().startsWith("/")
                ? resourceIds(source, lines, first)
                : csv(source, lines, first);
        if (entries.isEmpty()) {
            throw new VmListException(source + ": the header is there but no VM rows follow");
        }
        return entries;
    }

    private static boolean skippable(String line) {
        String t = line.trim();
        return t.isEmpty() || t.startsWith("#");
    }

    private static List<VmListEntry> resourceIds(String source, List<String> lines, int first) {
        List<VmListEntry> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = first; i < lines.size(); i++) {
            if (skippable(lines.get(i))) {
                continue;
            }
            VmRef ref;
            try {
                ref = VmRef.parse(lines.get(i).trim());
            } catch (IllegalArgumentException e) {
                throw new VmListException(source + ":" + (i + 1) + ": " + e.getMessage());
            }
            add(source, out, seen, new VmListEntry(ref.subscription(), ref.resourceGroup(), ref.name(), null, i + 1));
        }
        return out;
    }

    private static List<VmListEntry> csv(String source, List<String> lines, int headerIndex) {
        List<String> header = CsvLine.split(source, headerIndex + 1, lines.get(headerIndex));
        Map<String, Integer> column = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).trim().toLowerCase(Locale.ROOT);
            if (column.putIfAbsent(name, c) != null && !name.isEmpty()) {
                throw new VmListException(source + ":" + (headerIndex + 1) + ": column '" + header.get(c).trim()
                        + "' appears twice in the header");
            }
        }
        for (String required : List.of(VM_NAME, RESOURCE_GROUP, SECURE_BOOT)) {
            if (!column.containsKey(required)) {
                throw new VmListException(source + ":" + (headerIndex + 1) + ": the header lacks column '"
                        + spelled(required) + "' (expected " + EXPECTED + ", found " + String.join(",", header) + ")");
            }
        }
        List<VmListEntry> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            List<String> fields = CsvLine.split(source, lineNo, lines.get(i));
            if (fields.size() < header.size()) {
                throw new VmListException(source + ":" + lineNo + ": " + fields.size() + " fields, the header has "
                        + header.size());
            }
            String name = required(source, lineNo, fields.get(column.get(VM_NAME)), VM_NAME);
            String group = required(source, lineNo, fields.get(column.get(RESOURCE_GROUP)), RESOURCE_GROUP);
            boolean secureBoot = bool(source, lineNo, fields.get(column.get(SECURE_BOOT)));
            add(source, out, seen, new VmListEntry(null, group, name, secureBoot, lineNo));
        }
        return out;
    }

    private static void add(String source, List<VmListEntry> out, Map<String, Integer> seen, VmListEntry entry) {
        Integer earlier = seen.putIfAbsent(entry.key(), entry.line());
        if (earlier != null) {
            throw new VmListException(source + ":" + entry.line() + ": " + entry.describe() + " is already listed on line "
                    + earlier + "; remove the duplicate row");
        }
        out.add(entry);
    }

    private static String required(String source, int line, String value, String column) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw new VmListException(source + ":" + line + ": empty " + spelled(column));
        }
        return v;
    }

    private static boolean bool(String source, int line, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "$true" -> true;
            case "false", "$false" -> false;
            default -> throw new VmListException(source + ":" + line + ": enableSecureBoot is '" + value.trim()
                    + "' (expected true or false)");
        };
    }

    private static String spelled(String column) {
        return switch (column) {
            case VM_NAME -> "vmName";
            case RESOURCE_GROUP -> "vmResourceGroupName";
            default -> "enableSecureBoot";
        };
    }
}
