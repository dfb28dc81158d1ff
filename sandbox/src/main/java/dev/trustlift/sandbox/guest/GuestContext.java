package dev.trustlift.sandbox.guest;

import java.util.function.Function;

/**
 * What a script run sees of its VM: OS, firmware (UEFI, Secure Boot, vTPM), the OS disk layout and guest state, and the
 * fleet's guest faults (a function from fault name to the forced result, or null).
 */
public record GuestContext(boolean windows, String osName, String osVersion, boolean uefi, boolean secureBoot,
                           boolean vTpm, DiskLayout disk, GuestState guest, Function<String, String> guestFault) {
}
