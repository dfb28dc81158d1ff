package dev.trustlift.sandbox.guest;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Linux guest reports about its firmware, from the VM's state: /sys/firmware/efi exists
 * only under UEFI (Trusted Launch), tpm0 only with the vTPM, {@code mokutil --sb-state} and
 * {@code mokutil --db} as mokutil prints them ("SecureBoot enabled"; "EFI variables are not
 * supported on this system" on BIOS; the db certificates' Subject lines, with the 2023 CAs when
 * {@code guest.secureBootCerts2023}). Recognises the shapes verify-guest.sh uses: a
 * {@code [ -d .../firmware/efi ]} test, {@code cat .../tpm0/tpm_version_major}, mokutil.
 */
final class LinuxFirmware {
    private static final String NO_EFI = "EFI variables are not supported on this system";

    private LinuxFirmware() {
    }

    /** The line's output, or null when the line is not one of these commands. */
    static List<String> answer(String line, GuestContext ctx) {
        boolean uefi = ctx.uefi();
        if (line.matches("if \\[ -d \"[^\"]*/firmware/efi\" \\]; then echo (\\w+); else echo (\\w+); fi")) {
            String[] words = line.split("echo ");
            return List.of((uefi ? words[1] : words[2]).replaceAll("[;\\s].*", ""));
        }
        if (line.matches("cat \"[^\"]*/class/tpm/tpm0/tpm_version_major\" 2>&1")) {
            return uefi && ctx.vTpm() ? List.of("2")
                    : List.of("cat: /sys/class/tpm/tpm0/tpm_version_major: No such file or directory");
        }
        if (line.equals("mokutil --sb-state 2>&1")) {
            return List.of(!uefi ? NO_EFI : ctx.secureBoot() ? "SecureBoot enabled" : "SecureBoot disabled");
        }
        if (line.startsWith("mokutil --db 2>&1 | grep -E ")) {
            if (!uefi) {
                return List.of(NO_EFI);
            }
            List<String> out = new ArrayList<>();
            out.add("        Subject: C=US, ST=Washington, L=Redmond, O=Microsoft Corporation, CN=Microsoft Windows Production PCA 2011");
            out.add("        Subject: C=US, ST=Washington, L=Redmond, O=Microsoft Corporation, CN=Microsoft Corporation UEFI CA 2011");
            if (ctx.guest().secureBootCerts2023()) {
                out.add("        Subject: C=US, O=Microsoft Corporation, CN=Windows UEFI CA 2023");
                out.add("        Subject: C=US, O=Microsoft Corporation, CN=Microsoft UEFI CA 2023");
                out.add("        Subject: C=US, O=Microsoft Corporation, CN=Microsoft Option ROM UEFI CA 2023");
            }
            return out;
        }
        return null;
    }
}
