package dev.trustlift.core.assess;

import java.util.Locale;

/** Protection of the Windows OS volume as the guest probe sees it (manage-bde / Get-BitLockerVolume). */
public enum BitLockerState {
    OFF,
    ON,
    /** Protection suspended: the volume stays encrypted but MBR2GPT may proceed. */
    SUSPENDED,
    UNKNOWN;

    public static BitLockerState parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "off", "fullydecrypted", "none" -> OFF;
            case "on", "fullyencrypted", "encryptioninprogress" -> ON;
            case "suspended" -> SUSPENDED;
            default -> UNKNOWN;
        };
    }
}
