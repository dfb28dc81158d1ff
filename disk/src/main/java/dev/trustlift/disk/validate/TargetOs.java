package dev.trustlift.disk.validate;

import java.util.Locale;

/** Whose rules a conversion follows: MBR2GPT's for Windows, GPT fdisk's for Linux. */
public enum TargetOs {
    WINDOWS, LINUX;

    public static TargetOs parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown OS '" + text + "' (expected windows or linux)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
