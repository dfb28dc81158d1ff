package dev.trustlift.core.assess.gather;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.PartitionSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the guest probe's output ({@link GuestProbe}) into guest facts. */
public final class ProbeOutput {
    /** One partition line of sfdisk --dump: "/dev/sda1 : start= 2048, size= 1024, type=83, bootable". */
    private static final Pattern SFDISK_PART = Pattern.compile(
            "^\\S*?(\\d+)\\s*:\\s*start=\\s*(\\d+),\\s*size=\\s*(\\d+),\\s*type=([0-9A-Fa-f-]+)(.*)$");

    private ProbeOutput() {
    }

    /** Throws IllegalArgumentException naming what is missing when the output is not a probe's. */
    public static GuestFacts parse(String stdout) {
        Map<String, String> values = new HashMap<>();
        List<PartitionSummary> parts = new ArrayList<>();
        List<String[]> sfdisk = new ArrayList<>();
        boolean marker = false;
        for (String raw : stdout.lines().toList()) {
            String line = raw.strip();
            if (line.equals(GuestProbe.MARKER)) {
                marker = true;
            } else if (line.startsWith("sfdisk: ")) {
                sfdiskLine(line.substring("sfdisk: ".length()), values, sfdisk);
            } else if (line.startsWith("part=")) {
                parts.add(windowsPart(line.substring("part=".length())));
            } else if (line.indexOf('=') > 0) {
                values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        if (!marker) {
            throw new IllegalArgumentException("the guest did not run the probe (no " + GuestProbe.MARKER + " line in its output)");
        }
        int root = intValue(values, "rootPart", -1);
        int esp = intValue(values, "espPart", -1);
        for (String[] p : sfdisk) {
            int n = Integer.parseInt(p[0]);
            boolean dos = "mbr".equals(values.get("style"));
            parts.add(new PartitionSummary(n, dos ? twoDigits(p[3]) : p[3].toUpperCase(Locale.ROOT), Long.parseLong(p[1]),
                    Long.parseLong(p[2]), p[4].contains("bootable"), dos && n >= 5, n == root, n == esp ? "/boot/efi" : null));
        }
        DiskLayout layout = null;
        String style = values.get("style");
        if (style != null && values.containsKey("sectors")) {
            layout = new DiskLayout(style.equals("gpt") ? DiskLayout.Style.GPT : DiskLayout.Style.MBR,
                    intValue(values, "sectorSize", 512), Long.parseLong(values.get("sectors")), parts);
        }
        return new GuestFacts(BitLockerState.parse(values.get("bitlocker")), layout, longValue(values, "freeMb"),
                longValue(values, "unmovableTailMb"), boolValue(values, "espInFstab"), boolValue(values, "fstabPartuuid"));
    }

    private static void sfdiskLine(String line, Map<String, String> values, List<String[]> parts) {
        if (line.startsWith("label:")) {
            values.put("style", line.substring(6).trim().equals("gpt") ? "gpt" : "mbr");
        } else if (line.startsWith("sector-size:")) {
            values.putIfAbsent("sectorSize", line.substring(12).trim());
        } else {
            Matcher m = SFDISK_PART.matcher(line);
            if (m.matches()) {
                parts.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
            }
        }
    }

    private static PartitionSummary windowsPart(String value) {
        String[] f = value.split(",", -1);
        if (f.length < 5) {
            throw new IllegalArgumentException("probe partition line has " + f.length + " fields, expected 5: " + value);
        }
        List<String> flags = List.of(f[4].split("\\+"));
        return new PartitionSummary(Integer.parseInt(f[0].trim()), f[1].trim(), Long.parseLong(f[2].trim()),
                Long.parseLong(f[3].trim()), flags.contains("active"), flags.contains("logical"), flags.contains("os"),
                flags.contains("os") ? "C:" : null);
    }

    /** sfdisk writes MBR types without leading zero ("7"); the rules compare two hex digits ("07"). */
    private static String twoDigits(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return t.length() == 1 ? "0" + t : t;
    }

    private static int intValue(Map<String, String> values, String key, int otherwise) {
        Long v = longValue(values, key);
        return v == null ? otherwise : v.intValue();
    }

    private static Long longValue(Map<String, String> values, String key) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("probe value " + key + "='" + v + "' is not a number");
        }
    }

    private static Boolean boolValue(Map<String, String> values, String key) {
        String v = values.get(key);
        return v == null ? null : Boolean.valueOf(v.trim());
    }
}
