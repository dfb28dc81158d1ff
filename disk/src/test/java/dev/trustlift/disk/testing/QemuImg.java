package dev.trustlift.disk.testing;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** qemu-img and qemu-io as independent judges of the VHDs we write (format name "vpc"). */
public final class QemuImg {
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\":\\s*(\\d+)");
    private static final Pattern FORMAT = Pattern.compile("\"format\":\\s*\"([^\"]+)\"");

    private QemuImg() {
    }

    /** The virtual size qemu sees, from {@code qemu-img info --output=json}. */
    public static long virtualSize(Path image, String format) {
        Tool.Result r = Tool.run("qemu-img", "info", "-f", format, "--output=json", image.toString()).assertOk();
        Matcher m = VIRTUAL_SIZE.matcher(r.stdout());
        if (!m.find()) {
            throw new AssertionError("no virtual-size in " + r.describe());
        }
        return Long.parseLong(m.group(1));
    }

    /** The format qemu probes for {@code image} when not told. */
    public static String probedFormat(Path image) {
        Tool.Result r = Tool.run("qemu-img", "info", "--output=json", image.toString()).assertOk();
        Matcher m = FORMAT.matcher(r.stdout());
        return m.find() ? m.group(1) : "";
    }

    /** {@code qemu-img compare}: exit 0 when the two disks read identically (sizes are compared separately: without -s a shorter disk counts as zero-padded). */
    public static Tool.Result compare(Path a, String formatA, Path b, String formatB) {
        return Tool.run("qemu-img", "compare", "-f", formatA, "-F", formatB, a.toString(), b.toString());
    }

    /** Runs qemu-io commands (e.g. "write -P 0xab 0 512") against an image. */
    public static Tool.Result io(Path image, String format, String... commands) {
        String[] cmd = new String[4 + 2 * commands.length];
        cmd[0] = "qemu-io";
        cmd[1] = "-f";
        cmd[2] = format;
        for (int i = 0; i < commands.length; i++) {
            cmd[3 + 2 * i] = "-c";
            cmd[4 + 2 * i] = commands[i];
        }
        cmd[cmd.length - 1] = image.toString();
        return Tool.run(cmd);
    }

    public static Tool.Result convertToRaw(Path image, String format, Path raw) {
        return Tool.run("qemu-img", "convert", "-f", format, "-O", "raw", image.toString(), raw.toString());
    }
}
