package dev.trustlift.core.assess.gather;

import dev.trustlift.core.assess.GuestFacts;

/** Reads the guest probe's output ({@link GuestProbe}): the real commands' own output, section by section. */
public final class ProbeOutput {
    private ProbeOutput() {
    }

    /** Throws IllegalArgumentException naming what is wrong when the output is not a probe's. */
    public static GuestFacts parse(String stdout) {
        ProbeSections sections = ProbeSections.of(stdout);
        if (sections.has(GuestProbe.SFDISK)) {
            return LinuxProbeOutput.parse(sections);
        }
        if (sections.has(GuestProbe.GET_PARTITION)) {
            return WindowsProbeOutput.parse(sections);
        }
        throw new IllegalArgumentException("the guest did not answer the probe (no '" + GuestProbe.SFDISK + "' or '"
                + GuestProbe.GET_PARTITION + "' section)");
    }

    /** "7", "07", "0x7" and 7 are the same MBR type; the rules compare two upper-case hex digits. */
    static String mbrType(int type) {
        return String.format("%02X", type);
    }

    static String gptType(String guid) {
        String t = guid.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.toUpperCase(java.util.Locale.ROOT);
    }
}
