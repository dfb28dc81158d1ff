package dev.trustlift.core.guest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads verify-guest.ps1 / verify-guest.sh: each section is one check's own answer or the error
 * it raised (then the value is unknown, null). Windows: {@code $env:firmware_type} ("UEFI" or
 * "Legacy"), Confirm-SecureBootUEFI (True/False; an error on BIOS), Get-Tpm and Win32_Tpm's
 * SpecVersion ("2.0, 0, 1.38"), the db test (True/False), bootmgfw.efi's signer certificate
 * (Issuer "CN=Windows UEFI CA 2023, ..." or "CN=Microsoft Windows Production PCA 2011, ...").
 * Linux: UEFI/BIOS from /sys/firmware/efi, {@code mokutil --sb-state} ("SecureBoot enabled"),
 * tpm0's tpm_version_major, the Subject lines of {@code mokutil --db}.
 */
public final class VerifyGuestOutput {
    static final String WIN_FIRMWARE = "$env:firmware_type";
    static final String WIN_SECURE_BOOT = "Confirm-SecureBootUEFI";
    static final String WIN_TPM = "Get-Tpm";
    static final String WIN_TPM_VERSION = "Win32_Tpm SpecVersion";
    static final String WIN_DB = "db has Windows UEFI CA 2023";
    static final String WIN_SIGNER = "bootmgfw.efi signer";
    static final String LINUX_FIRMWARE = "firmware";
    static final String LINUX_SECURE_BOOT = "mokutil --sb-state";
    static final String LINUX_TPM = "tpm_version_major";
    static final String LINUX_DB = "mokutil --db Subject";
    static final String WINDOWS_CA_2023 = "Windows UEFI CA 2023";
    static final String MICROSOFT_CA_2023 = "Microsoft UEFI CA 2023";

    private VerifyGuestOutput() {
    }

    public static GuestVerification parseWindows(String stdout) {
        ScriptSections s = ScriptSections.of(stdout);
        require(s, WIN_FIRMWARE);
        String fw = first(s, WIN_FIRMWARE);
        String firmware = fw == null ? null : fw.equalsIgnoreCase("UEFI") ? "UEFI" : fw.equalsIgnoreCase("Legacy") ? "BIOS" : null;
        JsonNode tpm = json(s, WIN_TPM);
        Boolean tpmPresent = tpm == null ? null : tpm.path("TpmPresent").asBoolean(false) && tpm.path("TpmReady").asBoolean(false);
        Integer major = null;
        JsonNode spec = json(s, WIN_TPM_VERSION);
        if (spec != null && spec.path("SpecVersion").isTextual()) {
            major = leadingInt(spec.path("SpecVersion").asText());
        }
        JsonNode signer = json(s, WIN_SIGNER);
        Boolean signed2023 = signer == null || !signer.path("Issuer").isTextual() ? null
                : signer.path("Issuer").asText().contains(WINDOWS_CA_2023);
        return new GuestVerification(firmware, bool(first(s, WIN_SECURE_BOOT)), tpmPresent, major, bool(first(s, WIN_DB)),
                signed2023, evidence(s));
    }

    public static GuestVerification parseLinux(String stdout) {
        ScriptSections s = ScriptSections.of(stdout);
        require(s, LINUX_FIRMWARE);
        String fw = first(s, LINUX_FIRMWARE);
        String firmware = "UEFI".equals(fw) || "BIOS".equals(fw) ? fw : null;
        String sb = first(s, LINUX_SECURE_BOOT);
        Boolean secureBoot = sb == null ? null : sb.equals("SecureBoot enabled") ? Boolean.TRUE
                : sb.equals("SecureBoot disabled") ? Boolean.FALSE : "BIOS".equals(firmware) ? Boolean.FALSE : null;
        Integer major = leadingInt(first(s, LINUX_TPM));
        List<String> db = s.lines(LINUX_DB);
        boolean listed = db.stream().anyMatch(l -> l.startsWith("Subject:"));
        Boolean db2023 = listed ? db.stream().anyMatch(l -> l.startsWith("Subject:") && l.contains(MICROSOFT_CA_2023)) : null;
        return new GuestVerification(firmware, secureBoot, major != null, major, db2023, null, evidence(s));
    }

    private static void require(ScriptSections s, String name) {
        if (!s.has(name)) {
            throw new IllegalArgumentException("the guest did not answer verify-guest (no '" + name + "' section)");
        }
    }

    private static String first(ScriptSections s, String name) {
        List<String> lines = s.lines(name);
        return lines.isEmpty() ? null : lines.get(0);
    }

    private static Boolean bool(String line) {
        if (line == null) {
            return null;
        }
        return switch (line.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A JSON answer, or null when the check printed its error message instead. */
    private static JsonNode json(ScriptSections s, String name) {
        String text = s.text(name);
        if (text == null || !text.strip().startsWith("{")) {
            return null;
        }
        return s.json(name);
    }

    private static Integer leadingInt(String text) {
        if (text == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)").matcher(text.strip());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static Map<String, String> evidence(ScriptSections s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : s.names()) {
            out.put(name, String.join(" | ", s.lines(name)));
        }
        return out;
    }
}
