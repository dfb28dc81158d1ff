package dev.trustlift.cli.upgrade;

/** --secure-boot on|off. */
enum OnOff {
    on, off;

    boolean enabled() {
        return this == on;
    }
}
