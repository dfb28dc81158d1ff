package dev.trustlift.core.assess.gather;

import dev.trustlift.core.guest.ScriptSections;
import dev.trustlift.core.assess.GuestFacts;

/** Reads the guest probe's output ({@link GuestProbe}): the real commands' own output, section by section. */
public final class ProbeOutput {
    private ProbeOutput() {
    }

    /** Throws IllegalArgumentException naming what is wrong when the output is not a probe's. */
    public static GuestFacts parse(String stdout) {
        ScriptSections sections = ScriptSections.of(stdout);
        if (sections.has(GuestProbe.SFDISK)) {
            return LinuxProbeOutput.parse(sections);
        }
        if (sections.has(GuestProbe.GET_PARTITION)) {
            return WindowsProbeOutput.parse(sections);
        }
        throw new IllegalArgumentException("the guest did not answer the probe (no '" + GuestProbe.SFDISK + "' or '"
                + GuestProbe.GET_PARTITION + "' section)");
    }

    /**
     * The number Windows gives the OS disk (Get-Disk's Number of C:'s disk, the disk the probe
     * reads), which MBR2GPT must be told explicitly ({@code /disk:N}); empty for a Linux probe or
     * when Get-Disk printed no number.
     */
    public static java.util.OptionalInt osDiskNumber(String stdout) {
        ScriptSections sections = ScriptSections.of(stdout);
        if (!sections.has(GuestProbe.GET_PARTITION)) {
            return java.util.OptionalInt.empty();
        }
        return sections.objects(GuestProbe.GET_DISK).stream().findFirst()
                .filter(d -> d.path("Number").canConvertToInt() && d.path("Number").isNumber())
                .map(d -> java.util.OptionalInt.of(d.get("Number").asInt())).orElse(java.util.OptionalInt.empty());
    }

    /** An MBR type byte as the rules compare it: two upper-case hex digits (sfdisk's "5" and Get-Partition's 5 are "05"). */
    static String mbrType(int type) {
        return String.format("%02X", type);
    }

    /** A GPT type as the rules compare it: the bare upper-case GUID (Get-Partition braces it in lower case). */
    static String gptType(String guid) {
        String t = guid.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.toUpperCase(java.util.Locale.ROOT);
    }
}
