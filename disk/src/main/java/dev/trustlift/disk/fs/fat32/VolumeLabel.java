package dev.trustlift.disk.fs.fat32;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A FAT volume label: at most 11 characters, stored upper case and padded with spaces, using
 * only the characters a short (8.3) name may hold, so Windows, mtools and blkid all show it.
 */
public record VolumeLabel(String padded) {

    public static final int LENGTH = 11;
    private static final String ALLOWED_PUNCTUATION = " !#$%&'()-@^_`{}~";

    /** An empty or null label means "no label": the boot sector then says "NO NAME". */
    public static VolumeLabel of(String label) {
        String text = label == null ? "" : label.toUpperCase(Locale.ROOT);
        if (text.length() > LENGTH) {
            throw new IllegalArgumentException("FAT volume label \"" + label + "\" is " + text.length()
                    + " characters long; at most " + LENGTH + " are allowed");
        }
        for (char c : text.toCharArray()) {
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ALLOWED_PUNCTUATION.indexOf(c) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("FAT volume label \"" + label + "\" contains '" + c
                        + "'; use letters, digits, spaces and " + ALLOWED_PUNCTUATION.trim());
            }
        }
        if (!text.isEmpty() && text.charAt(0) == ' ') {
            throw new IllegalArgumentException("FAT volume label \"" + label + "\" must not start with a space");
        }
        return new VolumeLabel((text + " ".repeat(LENGTH)).substring(0, LENGTH));
    }

    public boolean isEmpty() {
        return padded.isBlank();
    }

    /** What the boot sector's label field holds: the label, or "NO NAME" when there is none. */
    public String bootSectorText() {
        return isEmpty() ? Fat32BootSector.NO_NAME : padded;
    }

    public byte[] bytes() {
        return padded.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return padded.stripTrailing();
    }
}
