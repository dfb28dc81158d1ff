package dev.trustlift.cli.disk;

import dev.trustlift.disk.validate.ConversionOptions;
import dev.trustlift.disk.validate.TargetOs;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** --os, --esp-mib and --grow: what validate and convert need to know about the conversion. */
final class OsOption {
    @Option(names = "--os", required = true, paramLabel = "windows|linux",
            description = "Rules to follow: windows (MBR2GPT) or linux (GPT fdisk + BIOS boot partition).")
    String os;

    @Option(names = "--esp-mib", paramLabel = "N",
            description = "Size of the new EFI system partition in MiB (default 100, or 260 on 4Kn disks).")
    Long espMib;

    @Option(names = "--grow", paramLabel = "MiB", defaultValue = "0",
            description = "Grow the disk by this many MiB first, to make room for the ESP and the backup GPT.")
    long growMib;

    ConversionOptions toOptions(CommandLine cmd) {
        try {
            return new ConversionOptions(TargetOs.parse(os), espMib, growMib);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }
}
