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

    /** The outcome of one boot. {@code message} is what boot diagnostics would show. */
    public record BootOutcome(String firmware, boolean booted, String message) {
    }

    public static BootOutcome judge(boolean uefi, boolean windows, DiskLayout d, String fault) {
        String firmware = uefi ? "UEFI" : "BIOS";
        if (fault != null) {
            return new BootOutcome(firmware, false, "boot failure: " + fault + " (simulated fault)");
        }
        if (uefi) {
            boolean esp = d.scheme() == DiskLayout.Scheme.GPT && d.hasType("EF00") && d.efiBootLoader();
            return esp ? new BootOutcome(firmware, true, "booted from the EFI system partition")
                    : new BootOutcome(firmware, false, "boot failure: no EFI system partition with a boot loader; "
                            + "the UEFI firmware found no bootable device");
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
