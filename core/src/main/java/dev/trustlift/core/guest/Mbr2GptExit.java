package dev.trustlift.core.guest;

import java.util.Optional;

/** MBR2GPT.EXE's exit codes (facts/disk-conversion.md section 1, from Microsoft's MBR2GPT page). */
public enum Mbr2GptExit {
    SUCCESS(0, "conversion completed successfully"),
    CANCELLED(1, "the user cancelled the conversion"),
    INTERNAL_ERROR(2, "internal error"),
    INITIALIZATION_ERROR(3, "initialization error"),
    INVALID_PARAMETERS(4, "invalid command-line parameters"),
    LAYOUT_READ_ERROR(5, "error reading the geometry and layout of the disk"),
    VOLUME_ENCRYPTED(6, "a volume on the disk is encrypted (BitLocker)"),
    LAYOUT_INVALID(7, "the disk layout does not meet MBR2GPT's requirements"),
    ESP_FAILED(8, "error creating the EFI system partition"),
    BOOT_FILES_FAILED(9, "error installing the boot files"),
    GPT_APPLY_FAILED(10, "error applying the GPT layout"),
    BCD_PARTIAL(100, "GPT written, but some boot configuration entries could not be restored");

    private final int code;
    private final String meaning;

    Mbr2GptExit(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<Mbr2GptExit> of(int code) {
        for (Mbr2GptExit e : values()) {
            if (e.code == code) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
    * Whether the disk may have been changed: from creating the ESP on, MBR2GPT has written to the
     * disk (8 may have shrunk C:, 9 and 10 wrote boot files or the table, 100 wrote the GPT).
     */
    public boolean diskMayHaveChanged() {
        return this == SUCCESS || this == ESP_FAILED || this == BOOT_FILES_FAILED || this == GPT_APPLY_FAILED
                || this == BCD_PARTIAL;
    }
}
