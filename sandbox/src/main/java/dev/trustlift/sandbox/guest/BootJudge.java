package dev.trustlift.sandbox.guest;

import dev.trustlift.sandbox.guest.DiskLayout.Part;

/**
 * Decides whether a VM boots after start, from its firmware and its OS disk. BIOS (Gen1) starts
 * boot code in the MBR: an MBR disk with an active partition, or a GPT disk with a BIOS boot
 * partition and GRUB (Linux). UEFI (Gen2 / Trusted Launch) needs a GPT disk with an ESP holding a
 * boot loader. A Windows GPT disk has no BIOS path at all.
 */
public final class BootJudge {
    private BootJudge() {
    }

    /** Why a boot ended as it did; the serial console log is written from it. */
    public enum Cause {
        BOOTED,
        /** UEFI found no EFI system partition with a loader: every boot option is "Not Found". */
        NO_BOOTABLE_DEVICE,
        /** BIOS found no boot code it could start (no active partition, no GRUB, a Windows GPT disk). */
        NOT_A_BOOTABLE_DISK,
        /** Secure Boot refused the boot loader's signature (a guest fault "secure-boot"). */
        SECURE_BOOT_VIOLATION,
        /** Any other injected boot fault: the loader started and the OS did not come up. */
        OS_FAILURE
    }

    /** The outcome of one boot. {@code message} is the sandbox's one-line account for /_sandbox/state. */
    public record BootOutcome(String firmware, boolean booted, String message, Cause cause) {
        public BootOutcome(String firmware, boolean booted, String message) {
            this(firmware, booted, message, booted ? Cause.BOOTED : Cause.NOT_A_BOOTABLE_DISK);
        }
    }

    /** The guest fault result that stands for a Secure Boot signature violation. */
    public static final String SECURE_BOOT_FAULT = "secure-boot";

    public static BootOutcome judge(boolean uefi, boolean windows, DiskLayout d, String fault) {
        String firmware = uefi ? "UEFI" : "BIOS";
        if (fault != null) {
            Cause cause = uefi && SECURE_BOOT_FAULT.equals(fault) ? Cause.SECURE_BOOT_VIOLATION : Cause.OS_FAILURE;
            return new BootOutcome(firmware, false, "boot failure: " + fault + " (simulated fault)", cause);
        }
        if (uefi) {
            boolean esp = d.scheme() == DiskLayout.Scheme.GPT && d.hasType("EF00") && d.efiBootLoader();
            return esp ? new BootOutcome(firmware, true, "booted from the EFI system partition")
                    : new BootOutcome(firmware, false, "boot failure: no EFI system partition with a boot loader; "
                            + "the UEFI firmware found no bootable device", Cause.NO_BOOTABLE_DEVICE);
        }
        if (d.scheme() == DiskLayout.Scheme.MBR) {
            boolean active = d.parts().stream().anyMatch(Part::active);
            return d.biosBootCode() && (active || !windows) ? new BootOutcome(firmware, true, "booted from the MBR")
                    : new BootOutcome(firmware, false, "boot failure: no active partition with boot code");
        }
        if (windows) {
            return new BootOutcome(firmware, false,
                    "boot failure: a Windows GPT disk cannot boot in BIOS mode (Generation 1); switch the VM to UEFI");
        }
        return d.hasType("EF02") && d.biosBootCode() ? new BootOutcome(firmware, true, "booted GRUB from the BIOS boot partition")
                : new BootOutcome(firmware, false, "boot failure: GPT disk without a BIOS boot partition for GRUB");
    }
}
