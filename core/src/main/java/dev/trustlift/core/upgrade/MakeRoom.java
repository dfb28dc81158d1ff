package dev.trustlift.core.upgrade;

import java.util.Locale;

/**
 * What to do when MBR2GPT finds no room for the EFI system partition ({@code --make-room}):
 * shrink C: by the needed MiB (the default), defragment first and then shrink, or stop the VM
 * BLOCKED without changing it.
 */
public enum MakeRoom {
    NONE, SHRINK, DEFRAG;

    /** The value the CLI takes and the journal keeps. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MakeRoom parse(String value) {
        for (MakeRoom m : values()) {
            if (m.cliName().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--make-room takes none, shrink or defrag, not '" + value + "'");
    }
}
