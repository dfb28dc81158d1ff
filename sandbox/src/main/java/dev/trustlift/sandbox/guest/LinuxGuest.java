package dev.trustlift.sandbox.guest;

import dev.trustlift.disk.convert.ConversionRefusedException;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.sandbox.guest.DiskLayout.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers trustlift's Linux scripts from the simulated disk: the probe (key=value lines, see
 * docs/sandbox.md) and the conversion, planned by the disk engine (GPT with a BIOS boot partition
 * and an ESP, GRUB for both firmwares, /boot/efi in fstab); the engine refuses when there is no
 * room, and its message says by how much to grow the disk.
 */
public final class LinuxGuest {
    private LinuxGuest() {
    }

    public static ScriptResult probe(DiskLayout d, GuestState guest, boolean uefi, boolean secureBoot) {
        List<String> out = new ArrayList<>();
        out.add("firmware=" + (uefi ? "uefi" : "bios"));
        out.add("secure_boot=" + (uefi && secureBoot ? "enabled" : "disabled"));
        out.add("pttype=" + (d.scheme() == DiskLayout.Scheme.GPT ? "gpt" : "dos"));
        out.add("disk=/dev/sda");
        out.add("disk_sectors=" + d.sectors());
        out.add("sector_size=" + d.sectorSize());
        for (Part p : d.parts()) {
            out.add("partition=" + p.number() + "," + p.start() + "," + p.sectors() + "," + p.type().toLowerCase() + ","
                    + (p.active() ? "boot" : "-"));
        }
        Part esp = find(d, "EF00");
        Part biosBoot = find(d, "EF02");
        Part root = d.osPartition();
        out.add("root=/dev/sda" + (root == null ? "" : root.number()));
        out.add("fstab_root=" + (guest.fstabUsesPartuuid() ? "PARTUUID=" + (d.scheme() == DiskLayout.Scheme.MBR
                ? "5f3b2a91-0" + (root == null ? 1 : root.number()) : "0b5c1f7e-3a6d-4e43-9d2f-6c1a8e2b7d40") : "UUID=7f0e5c2a-1b3d-4c5e-8f9a-0b1c2d3e4f50"));
        out.add("fstab_efi=" + (esp != null ? "present" : "absent"));
        out.add("esp=" + (esp == null ? "absent" : "/dev/sda" + esp.number()));
        out.add("bios_boot=" + (biosBoot == null ? "absent" : "/dev/sda" + biosBoot.number()));
        out.add("grub_bios=" + (d.biosBootCode() ? "yes" : "no"));
        out.add("grub_efi=" + (d.efiBootLoader() ? "yes" : "no"));
        out.add("free_tail_mb=" + d.freeTailSectors() * d.sectorSize() / (1024 * 1024));
        out.add("root_free_mb=" + guest.freeSpaceMb());
        return ScriptResult.of(out, 0);
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
