package dev.trustlift.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GPT fdisk as a reference converter: sgdisk --mbrtogpt, a FAT32 ESP in the tail (grown first
 * when asked). VHDs go through a raw copy made by qemu-img and back into the same subformat.
 */
final class SgdiskStandIn implements ImageConverter {
    private static final long ESP_MIB = 100;

    @Override
    public Outcome convert(Path image, String os, long growMib) {
        try {
            VhdFile.Info info = VhdFile.info(image);
            if (info.format().equals("raw")) {
                convertRaw(image, growMib);
            } else {
                Path raw = image.resolveSibling(image.getFileName() + ".standin.raw");
                String subformat = VhdFile.subformat(info);
                VhdFile.toRaw(image, raw);
                convertRaw(raw, growMib);
                Files.delete(image);
                VhdFile.fromRaw(raw, image, subformat);
                Files.delete(raw);
            }
            return new Outcome(0, "converted by sgdisk\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void convertRaw(Path raw, long growMib) {
        if (growMib > 0) {
            ToolRun.ok("truncate", "-s", "+" + growMib + "M", raw.toString());
        }
        // Never -q: sgdisk 1.0.9 with -q exits 0 and saves nothing.
        ToolRun.ok("sgdisk", "--mbrtogpt", raw.toString());
        ToolRun.ok("sgdisk", "-e", "-n", "0:-" + ESP_MIB + "M:0", "-t", "0:ef00", "-c", "0:EFI system partition", raw.toString());
        PartitionTable.Entry esp = PartitionTable.read(raw).esp().orElseThrow();
        // -s 1: with --offset, mkfs.vfat sizes clusters from the rest of the file and may leave fewer
        // than 65525, which mtools and UEFI's FAT driver then read as FAT16.
        ToolRun.ok("mkfs.vfat", "-F", "32", "-s", "1", "-n", "ESP", "--offset", String.valueOf(esp.start()), raw.toString(),
                String.valueOf(esp.bytes() / 1024));
    }
}
