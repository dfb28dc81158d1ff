package dev.trustlift.sandbox.boot;

import dev.trustlift.sandbox.guest.BootJudge.BootOutcome;
import dev.trustlift.sandbox.guest.BootJudge.Cause;
import java.util.ArrayList;
import java.util.List;

/**
 * What a VM's serial console would have printed during its last boot, written from the boot
 * outcome: the firmware's own lines (SeaBIOS for BIOS / Generation 1, OVMF's BdsDxe for UEFI),
 * then the operating system's when it came up. Azure has no "boot failed" status; this log and
 * the VM agent that never reports Ready are how a failed boot shows (facts/arm.md). The lines
 * imitate those firmwares' messages; their exact text on Azure's hypervisor is not public.
 */
public final class SerialConsole {
    /** The boot option the firmware tries first: the OS disk on the SCSI controller. */
    private static final String UEFI_DISK = "Boot0001 \"UEFI Msft Virtual Disk\" from PciRoot(0x0)/Pci(0x7,0x1)/Scsi(0x0,0x0)";

    private SerialConsole() {
    }

    /** One VM as the console sees it. {@code boot} null: the fleet's state says it booted before the sandbox started. */
    public record Machine(String name, boolean windows, String osName, String osVersion, boolean uefi, boolean secureBoot,
                          BootOutcome boot) {
        Cause cause() {
            return boot == null ? Cause.BOOTED : boot.cause();
        }
    }

    /** The serial console log of the last boot, one line per element. */
    public static List<String> log(Machine m) {
        List<String> out = new ArrayList<>();
        if (m.uefi()) {
            uefiFirmware(m, out);
        } else {
            biosFirmware(m, out);
        }
        Cause cause = m.cause();
        if (cause == Cause.BOOTED) {
            os(m, out);
        } else if (cause == Cause.OS_FAILURE) {
            osFailure(m, out);
        }
        return out;
    }

    /** The text of the console screenshot: the last lines the screen would show. */
    public static List<String> screen(Machine m) {
        List<String> log = log(m);
        return log.subList(Math.max(0, log.size() - 6), log.size());
    }

    private static void biosFirmware(Machine m, List<String> out) {
        out.add("SeaBIOS (version 1.16.3-debian-1.16.3-2)");
        out.add("Machine UUID " + java.util.UUID.nameUUIDFromBytes(m.name().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        out.add("Booting from Hard Disk...");
        if (m.cause() == Cause.NOT_A_BOOTABLE_DISK || m.cause() == Cause.NO_BOOTABLE_DEVICE) {
            out.add("Boot failed: not a bootable disk");
            out.add("");
            out.add("No bootable device.  Retrying in 60 seconds.");
        }
    }

    private static void uefiFirmware(Machine m, List<String> out) {
        out.add("BdsDxe: loading " + UEFI_DISK);
        switch (m.cause()) {
            case NO_BOOTABLE_DEVICE, NOT_A_BOOTABLE_DISK -> {
                out.add("BdsDxe: failed to load " + UEFI_DISK + ": Not Found");
                out.add("BdsDxe: No bootable option or device was found.");
                out.add("BdsDxe: Press any key to enter the Boot Manager Menu.");
            }
            case SECURE_BOOT_VIOLATION -> {
                out.add("BdsDxe: failed to load " + UEFI_DISK + ": Access Denied");
                out.add("BdsDxe: Secure Boot Violation: the boot loader's signature is not allowed by the db, "
                        + "or its hash is in the dbx.");
                out.add("BdsDxe: No bootable option or device was found.");
            }
            default -> out.add("BdsDxe: starting " + UEFI_DISK);
        }
    }

    private static void os(Machine m, List<String> out) {
        if (m.windows()) {
            out.add("");
            out.add("Computer is booting, SAC started and initialized.");
            out.add("");
            out.add("Use the \"ch -?\" command for information about using channels.");
            out.add("Use the \"?\" command for general help.");
            out.add("");
            out.add("SAC>");
            out.add("EVENT: The CMD command is now available.");
            out.add("SAC>");
            return;
        }
        out.add("[    0.000000] Linux version 5.15.0-1079-azure (buildd@lcy02-amd64-046) #88-Ubuntu SMP");
        out.add("[    0.000000] efi: " + (m.uefi() ? "EFI v2.70 by EDK II" : "EFI not found, legacy BIOS boot"));
        if (m.uefi()) {
            out.add("[    0.000000] secureboot: Secure boot " + (m.secureBoot() ? "enabled" : "disabled"));
        }
        out.add("[    2.104512] EXT4-fs (sda1): mounted filesystem with ordered data mode. Opts: (null)");
        out.add("[  OK  ] Reached target Multi-User System.");
        out.add("");
        out.add(m.osName() + " " + m.osVersion() + " " + m.name() + " ttyS0");
        out.add("");
        out.add(m.name() + " login:");
    }

    private static void osFailure(Machine m, List<String> out) {
        if (m.windows()) {
            out.add("");
            out.add("Your PC ran into a problem and needs to restart.");
            out.add("Stop code: INACCESSIBLE_BOOT_DEVICE");
            return;
        }
        out.add("[    0.000000] Linux version 5.15.0-1079-azure (buildd@lcy02-amd64-046) #88-Ubuntu SMP");
        out.add("[    8.412230] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)");
    }
}
