package dev.trustlift.core.assess;

/** The OS family ARM reports for the OS disk. */
public enum OsType {
    WINDOWS,
    LINUX
}
