package dev.trustlift.core.assess;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of an Azure size name: Standard_NC6s_v3 is family "NC", 6 vCPUs, version "v3".
 * Used to compare sizes by family; the SKU capabilities stay the authority on numbers.
 */
public record SizeName(String family, String version) {
    private static final Pattern NAME = Pattern.compile("(?:Standard_|Basic_)?([A-Za-z]+)\\d.*?(?:_(v\\d+))?", Pattern.CASE_INSENSITIVE);

    public static SizeName parse(String size) {
        Matcher m = NAME.matcher(size == null ? "" : size.trim());
        if (!m.matches()) {
            return new SizeName("", "");
        }
        return new SizeName(m.group(1).toUpperCase(Locale.ROOT), m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT));
    }

    private static final Pattern CPUS = Pattern.compile("(?:Standard_|Basic_)?[A-Za-z]+(\\d+).*", Pattern.CASE_INSENSITIVE);

    /**
     * The vCPU count a size name carries (Standard_D4s_v3, Standard_F4, Standard_A4_v2: 4), for sizes
     * the SKU list no longer describes; null when the name does not tell. The older generations
     * number their sizes instead of counting cores: classic A (A4 has 8 cores), D/DS v1 and v2
     * (D4_v2 has 8, D12_v2 has 4) and G/GS, so they tell nothing.
     */
    public static Integer vCpuHint(String size) {
        SizeName name = parse(size);
        boolean numbered = name.family().equals("A") && name.version().isEmpty()
                || (name.family().equals("D") || name.family().equals("DS"))
                        && (name.version().isEmpty() || name.version().equals("v2"))
                || name.family().equals("G") || name.family().equals("GS");
        if (numbered) {
            return null;
        }
        Matcher m = CPUS.matcher(size == null ? "" : size.trim());
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }

    /** B-series sizes run on CPU credits. */
    public boolean burstable() {
        return family.startsWith("B");
    }

    /** GPU families whose vendor drivers are often unsigned for Secure Boot. */
    public boolean gpu() {
        return family.startsWith("NC") || family.startsWith("NV") || family.startsWith("ND");
    }
}
