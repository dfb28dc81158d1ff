package dev.trustlift.sandbox.guest;

import dev.trustlift.disk.convert.ConversionRefusedException;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.sandbox.guest.DiskLayout.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers trustlift's Linux conversion script from the simulated disk (the probe's commands are
 * {@link CommandEmulator}'s): the conversion, planned by the disk engine (GPT with a BIOS boot partition
 * and an ESP, GRUB for both firmwares, /boot/efi in fstab); the engine refuses when there is no
 * room, and its message says by how much to grow the disk.
 */
public final class LinuxGuest {
    private LinuxGuest() {
    }

    public static ScriptResult convert(DiskLayout d, String fault) {
        List<String> out = new ArrayList<>();
        if (fault != null) {
            out.add("error=" + fault + " (simulated fault)");
            return new ScriptResult(out, List.of("trustlift: conversion failed: " + fault), 1, null);
        }
        if (d.scheme() == DiskLayout.Scheme.GPT && find(d, "EF00") != null && find(d, "EF02") != null
                && d.efiBootLoader() && d.biosBootCode()) {
            out.add("result=already-converted");
            return ScriptResult.of(out, 0);
        }
        if (d.scheme() != DiskLayout.Scheme.MBR) {
            out.add("error=unsupported-layout");
            return new ScriptResult(out, List.of("trustlift: a GPT disk without a BIOS boot partition and an ESP is not "
                    + "converted by this script"), 2, null);
        }
        DiskLayout converted;
        try {
            converted = DiskEngine.convert(d, TargetOs.LINUX);
        } catch (ConversionRefusedException e) {
            out.add("error=refused");
            return new ScriptResult(out, List.of("trustlift: " + e.getMessage()), 3, null);
        }
        out.add("backup=/var/lib/trustlift/mbr-backup.bin");
        out.add("pttype=gpt");
        out.add("bios_boot=" + partName(converted, "EF02"));
        out.add("esp=" + partName(converted, "EF00"));
        out.add("fstab_efi=added");
        out.add("grub_bios=installed");
        out.add("grub_efi=installed");
        out.add("result=converted");
        return new ScriptResult(out, List.of(), 0, converted);
    }

    private static String partName(DiskLayout d, String type) {
        Part p = find(d, type);
        return p == null ? "absent" : "/dev/sda" + p.number();
    }

    private static Part find(DiskLayout d, String type) {
        return d.parts().stream().filter(p -> p.type().equalsIgnoreCase(type)).findFirst().orElse(null);
    }
}
