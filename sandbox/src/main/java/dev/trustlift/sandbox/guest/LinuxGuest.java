package dev.trustlift.sandbox.guest;

import dev.trustlift.sandbox.guest.DiskLayout.Part;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers trustlift's Linux scripts from the simulated disk: the probe (key=value lines, see
 * docs/sandbox.md) and the conversion (GPT with a BIOS boot partition and an ESP, GRUB for both
 * firmwares, /boot/efi in fstab), which needs free space after the last partition for the ESP.
 */
public final class LinuxGuest {
    static final long ESP_MB = 200;

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
        long espSectors = d.mib(ESP_MB);
        long firstStart = d.parts().stream().mapToLong(Part::start).min().orElse(2048);
        boolean biosBootAtFront = firstStart >= 2048;
        long needTail = espSectors + (biosBootAtFront ? 0 : d.mib(1)) + 33 + d.mib(1);
        if (find(d, "EF00") == null && d.freeTailSectors() < needTail) {
            long missingMb = (needTail - d.freeTailSectors()) * d.sectorSize() / (1024 * 1024) + 1;
            out.add("error=no-room");
            return new ScriptResult(out, List.of("trustlift: no room for the EFI system partition: grow the disk by "
                    + missingMb + " MiB"), 3, null);
        }
        List<Part> parts = new ArrayList<>();
        int next = 1;
        for (Part p : d.parts()) {
            if (DiskLayout.isContainer(p.type())) {
                continue;
            }
            parts.add(new Part(p.number(), gptType(p.type()), p.start(), p.sectors(), false, false));
            next = Math.max(next, p.number() + 1);
        }
        long cursor = d.parts().stream().mapToLong(Part::end).max().orElse(2047) + 1;
        cursor = (cursor + 2047) / 2048 * 2048;
        if (find(d, "EF02") == null) {
            long start = biosBootAtFront ? 34 : cursor;
            long len = biosBootAtFront ? 2048 - 34 : d.mib(1);
            parts.add(new Part(next++, "EF02", start, len, false, false));
            if (!biosBootAtFront) {
                cursor += len;
            }
        }
        if (find(d, "EF00") == null) {
            parts.add(new Part(next, "EF00", cursor, espSectors, false, false));
        }
        parts.sort(Comparator.comparingLong(Part::start));
        out.add("backup=/var/lib/trustlift/mbr-backup.bin");
        out.add("pttype=gpt");
        out.add("bios_boot=created");
        out.add("esp=created");
        out.add("fstab_efi=added");
        out.add("grub_bios=installed");
        out.add("grub_efi=installed");
        out.add("result=converted");
        DiskLayout converted = new DiskLayout(DiskLayout.Scheme.GPT, d.sectorSize(), d.sectors(), parts, true, true);
        return new ScriptResult(out, List.of(), 0, converted);
    }

    private static String gptType(String type) {
        return switch (type.toUpperCase()) {
            case "83" -> "8300";
            case "82" -> "8200";
            case "8E" -> "8E00";
            case "EF" -> "EF00";
            default -> type.length() == 4 ? type : "8300";
        };
    }

    private static Part find(DiskLayout d, String type) {
        return d.parts().stream().filter(p -> p.type().equalsIgnoreCase(type)).findFirst().orElse(null);
    }
}
