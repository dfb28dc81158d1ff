package dev.trustlift.disk.container;

/** The container formats the disk engine reads and writes. */
public enum ImageFormat {
    RAW,
    VHD_FIXED,
    VHD_DYNAMIC
}
