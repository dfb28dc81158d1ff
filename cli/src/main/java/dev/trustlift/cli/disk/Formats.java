package dev.trustlift.cli.disk;

import dev.trustlift.disk.container.ImageFormat;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;

/** Container format names on the command line (raw, vhd-fixed, vhd-dynamic) and in output. */
final class Formats {
    private Formats() {
    }

    static String label(ImageFormat f) {
        return switch (f) {
            case RAW -> "raw";
            case VHD_FIXED -> "VHD (fixed)";
            case VHD_DYNAMIC -> "VHD (dynamic)";
        };
    }

    static ImageFormat parse(String text, Path out, CommandLine cmd) {
        if (text == null) {
            return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vhd") ? ImageFormat.VHD_DYNAMIC
                    : ImageFormat.RAW;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "raw" -> ImageFormat.RAW;
            case "vhd-fixed" -> ImageFormat.VHD_FIXED;
            case "vhd-dynamic" -> ImageFormat.VHD_DYNAMIC;
            default -> throw new CommandLine.ParameterException(cmd,
                    "unknown --format '" + text + "' (expected raw, vhd-fixed or vhd-dynamic)");
        };
    }
}
