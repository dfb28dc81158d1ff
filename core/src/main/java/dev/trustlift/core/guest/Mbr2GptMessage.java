package dev.trustlift.core.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MBR2GPT's messages that trustlift acts on (facts/disk-conversion.md section 1 and the Trusted
 * Launch guide's known issues), recognised in the tool's own output or its setuperr.log.
 */
public enum Mbr2GptMessage {
    /** No free space for the ESP, the Virtual Disk / Optimize Drives services disabled, or a corrupt volume: make room. */
    NO_ROOM_FOR_ESP("Cannot find room for the EFI system partition"),
    /** A warning after a successful conversion: resync WinRE (reagentc /disable, /enable). */
    REAGENT_XML_NOT_UPDATED("Failed to update ReAgent.xml"),
    /** A corrupt BCD store or WinRE disabled. */
    OS_PARTITION_NOT_FOUND("Cannot find OS partition(s)"),
    /** The default boot entry names no volume (offline fix: bcdboot X:\Windows /f bios /s X:). */
    BOOT_ENTRY_VOLUME_UNKNOWN("Cannot get volume name for the default boot entry"),
    /** One of the layout checks failed (partition count, type, room for the GPTs, active system partition). */
    LAYOUT_VALIDATION_FAILED("Disk layout validation failed"),
    CONVERSION_COMPLETED("Conversion completed successfully"),
    VALIDATION_COMPLETED("Validation completed successfully");

    private final String text;

    Mbr2GptMessage(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The known messages in some output, in this enum's order; matched ignoring case and spacing. */
    public static List<Mbr2GptMessage> findIn(String output) {
        String squeezed = squeeze(output);
        List<Mbr2GptMessage> found = new ArrayList<>();
        for (Mbr2GptMessage m : values()) {
            if (squeezed.contains(squeeze(m.text))) {
                found.add(m);
            }
        }
        return found;
    }

    private static String squeeze(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
