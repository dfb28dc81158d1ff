package dev.trustlift.core.assess.gather;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.PartitionSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads the guest probe's key=value output ({@link GuestProbe}) into guest facts. */
public final class ProbeOutput {
    private static final String ESP_GUID = PartitionSummary.ESP_GUID;

    private ProbeOutput() {
    }

    /** Throws IllegalArgumentException naming what is wrong when the output is not a probe's. */
    public static GuestFacts parse(String stdout) {
        Map<String, String> values = new HashMap<>();
        List<String[]> partitions = new ArrayList<>();
        for (String raw : stdout.lines().toList()) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1).strip();
            if (key.equals("partition")) {
                String[] f = value.split(",", -1);
                if (f.length < 4) {
                    throw new IllegalArgumentException("probe line partition=" + value + " has " + f.length
                            + " fields, expected N,START,SECTORS,TYPE,FLAGS");
                }
                partitions.add(f);
            } else {
                values.putIfAbsent(key, value);
            }
        }
        if (!values.containsKey("pttype") && !values.containsKey("bitlocker")) {
            throw new IllegalArgumentException("the guest did not answer the probe (no pttype= or bitlocker= line)");
        }
        boolean windows = values.containsKey("c_free_mb") || values.containsKey("bitlocker");
        Long free = number(values, windows ? "c_free_mb" : "root_free_mb");
        Long shrinkable = number(values, "c_shrinkable_mb");
        Long unmovable = free != null && shrinkable != null ? Math.max(0, free - shrinkable) : null;
        String fstabRoot = values.get("fstab_root");
        String fstabEfi = values.get("fstab_efi");
        return new GuestFacts(windows ? BitLockerState.parse(values.get("bitlocker")) : BitLockerState.UNKNOWN,
                layout(values, partitions, windows), free, unmovable,
                fstabEfi == null ? null : fstabEfi.equals("present"),
                fstabRoot == null ? null : fstabRoot.toUpperCase(Locale.ROOT).startsWith("PARTUUID="));
    }

    private static DiskLayout layout(Map<String, String> values, List<String[]> rows, boolean windows) {
        String pttype = values.get("pttype");
        Long sectors = number(values, "disk_sectors");
        if (pttype == null || sectors == null) {
            return null;
        }
        boolean gpt = pttype.equalsIgnoreCase("gpt");
        boolean hasContainer = !gpt && rows.stream().anyMatch(f -> isContainer(mbrType(f[3])));
        int osNumber = windows ? osPartition(values, rows, gpt) : trailingNumber(values.get("root"));
        int espNumber = trailingNumber(values.get("esp"));
        List<PartitionSummary> parts = new ArrayList<>();
        for (String[] f : rows) {
            int n = Integer.parseInt(f[0].trim());
            String flags = f.length > 4 ? f[4].trim() : "-";
            String type = gpt ? gptType(f[3]) : mbrType(f[3]);
            boolean logical = flags.contains("logical") || (!windows && hasContainer && n >= 5);
            String mount = n == osNumber ? (windows ? "C:" : "/") : n == espNumber ? "/boot/efi" : null;
            parts.add(new PartitionSummary(n, type, Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim()),
                    flags.contains("active") || flags.contains("boot"), logical, n == osNumber, mount));
        }
        return new DiskLayout(gpt ? DiskLayout.Style.GPT : DiskLayout.Style.MBR,
                number(values, "sector_size") == null ? 512 : number(values, "sector_size").intValue(), sectors, parts);
    }

    /** C:'s partition number; guests that do not say are taken to hold C: in their largest NTFS partition. */
    private static int osPartition(Map<String, String> values, List<String[]> rows, boolean gpt) {
        Long said = number(values, "os_partition");
        if (said != null) {
            return said.intValue();
        }
        Optional<String[]> largest = rows.stream()
                .filter(f -> gpt ? gptType(f[3]).equals("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7") : mbrType(f[3]).equals("07"))
                .max(Comparator.comparingLong(f -> Long.parseLong(f[2].trim())));
        return largest.map(f -> Integer.parseInt(f[0].trim())).orElse(-1);
    }

    private static boolean isContainer(String type) {
        return type.equals("05") || type.equals("0F") || type.equals("85");
    }

    /** "7" and "07" are the same MBR type; the rules compare two upper-case hex digits. */
    private static String mbrType(String raw) {
        String t = raw.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("0X")) {
            t = t.substring(2);
        }
        return t.length() == 1 ? "0" + t : t;
    }

    /** GPT types as GUIDs; the gdisk codes the sandbox prints for the two that matter are mapped to theirs. */
    private static String gptType(String raw) {
        String t = raw.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "EF00" -> ESP_GUID;
            case "EF02" -> PartitionSummary.BIOS_BOOT_GUID;
            default -> t;
        };
    }

    private static int trailingNumber(String device) {
        if (device == null) {
            return -1;
        }
        int i = device.length();
        while (i > 0 && Character.isDigit(device.charAt(i - 1))) {
            i--;
        }
        return i == device.length() ? -1 : Integer.parseInt(device.substring(i));
    }

    private static Long number(Map<String, String> values, String key) {
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
}
