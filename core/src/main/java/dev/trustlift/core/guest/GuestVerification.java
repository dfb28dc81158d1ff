package dev.trustlift.core.guest;

import java.util.ArrayList;
import java.util.List;

/**
 * What verify-guest found in a guest after Trusted Launch. Null fields are unknown (the check
 * failed or does not apply: Linux has no Windows boot manager). The engine turns this into
 * findings; {@link #certificateProblems()} are WARNINGs with {@link #CERTIFICATE_FIX}.
 *
 * @param firmware             "UEFI", "BIOS" (Windows' firmware_type says "Legacy") or null
 * @param secureBoot           Secure Boot on in the firmware
 * @param tpmPresent           a TPM is present (and on Windows ready)
 * @param tpmMajorVersion      2 for TPM 2.0
 * @param db2023               the firmware db holds the 2023 CA (Windows UEFI CA 2023 / Microsoft UEFI CA 2023)
 * @param bootManagerSigned2023 bootmgfw.efi's signer was issued by Windows UEFI CA 2023 (Windows only)
 * @param evidence             each check's raw answer, by section, for the journal
 */
public record GuestVerification(String firmware, Boolean secureBoot, Boolean tpmPresent, Integer tpmMajorVersion,
                                Boolean db2023, Boolean bootManagerSigned2023, java.util.Map<String, String> evidence) {

    /** The fix Microsoft documents for Secure Boot certificates expiring from June 2026. */
    public static final String CERTIFICATE_FIX = "install the Secure Boot certificate updates of Microsoft KB5085395 "
            + "(Windows: the 2023 certificates in db/KEK and a boot manager signed by Windows UEFI CA 2023; Linux: the db/KEK "
            + "updates of KB5103014 before any shim signed only with the 2023 key): the 2011 certificates expire from June 2026";

    /** Problems with the upgrade itself: the VM must boot UEFI with a TPM 2.0 and Secure Boot as asked. */
    public List<String> upgradeProblems(boolean secureBootWanted) {
        List<String> out = new ArrayList<>();
        if (!"UEFI".equals(firmware)) {
            out.add("the guest booted with " + (firmware == null ? "unknown" : firmware) + " firmware, not UEFI");
        }
        if (secureBoot == null || secureBoot != secureBootWanted) {
            out.add("Secure Boot is " + (secureBoot == null ? "unknown" : secureBoot ? "on" : "off") + ", asked "
                    + (secureBootWanted ? "on" : "off"));
        }
        if (tpmPresent == null || !tpmPresent || tpmMajorVersion == null || tpmMajorVersion != 2) {
            out.add("no TPM 2.0 found (present: " + tpmPresent + ", version: " + tpmMajorVersion + ")");
        }
        return out;
    }

    /** What KB5085395 asks for and the guest lacks. */
    public List<String> certificateProblems() {
        List<String> out = new ArrayList<>();
        if (!Boolean.TRUE.equals(db2023)) {
            out.add(db2023 == null ? "the firmware db could not be read for the 2023 certificates"
                    : "the firmware db lacks the 2023 Microsoft UEFI CA certificate");
        }
        if (Boolean.FALSE.equals(bootManagerSigned2023)) {
            out.add("the Windows boot manager is not signed by Windows UEFI CA 2023");
        }
        return out;
    }
}
