package dev.trustlift.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** VHD images through qemu-img, the independent implementation the suites trust. */
public final class VhdFile {
    private static final Pattern FORMAT = Pattern.compile("\"format\":\\s*\"([^\"]+)\"");
    private static final Pattern VIRTUAL_SIZE = Pattern.compile("\"virtual-size\":\\s*(\\d+)");
    private static final String FOOTER_COOKIE = "conectix";
    private static final int FOOTER_SIZE = 512;
    private static final String DYNAMIC_HEADER_COOKIE = "cxsparse";
    private static final long DYNAMIC_HEADER_OFFSET = 512;

    private VhdFile() {
    }

    /** What qemu-img makes of a file: its format ("raw", "vpc") and virtual size. */
    public record Info(Path path, String format, long virtualSize) {
    }

    /**
     * Asks qemu-img about {@code image}. qemu only probes the first sector, where a fixed VHD has
     * raw data, so files ending in a VHD footer are named as vpc explicitly.
     */
    public static Info info(Path image) {
        String format = endsWithFooter(image) ? "vpc" : "raw";
        String json = ToolRun.ok("qemu-img", "info", "-f", format, "--output=json", image.toString()).out();
        return new Info(image, match(FORMAT, json), Long.parseLong(match(VIRTUAL_SIZE, json)));
    }

    private static boolean endsWithFooter(Path image) {
        try (FileChannel ch = FileChannel.open(image)) {
            if (ch.size() < FOOTER_SIZE) {
                return false;
            }
            ByteBuffer cookie = ByteBuffer.allocate(FOOTER_COOKIE.length());
            ch.read(cookie, ch.size() - FOOTER_SIZE);
            return new String(cookie.array(), StandardCharsets.US_ASCII).equals(FOOTER_COOKIE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "fixed" or "dynamic", from the dynamic-disk header cookie right after the footer copy. */
    public static String subformat(Info info) {
        try (FileChannel ch = FileChannel.open(info.path())) {
            ByteBuffer cookie = ByteBuffer.allocate(DYNAMIC_HEADER_COOKIE.length());
            ch.read(cookie, DYNAMIC_HEADER_OFFSET);
            return new String(cookie.array(), StandardCharsets.US_ASCII).equals(DYNAMIC_HEADER_COOKIE) ? "dynamic" : "fixed";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void fromRaw(Path raw, Path vhd, String subformat) {
        ToolRun.ok("qemu-img", "convert", "-f", "raw", "-O", "vpc", "-o", "subformat=" + subformat + ",force_size=on",
                raw.toString(), vhd.toString());
    }

    public static void toRaw(Path vhd, Path raw) {
        ToolRun.ok("qemu-img", "convert", "-f", "vpc", "-O", "raw", vhd.toString(), raw.toString());
    }

    /**
     * qemu-img check; qemu 7.2 has no checker for vpc and says so with exit code 63, which counts
     * as accepted only with that exact message.
     */
    public static ToolRun check(Path vhd) {
        ToolRun run = ToolRun.of("qemu-img", "check", "-f", "vpc", vhd.toString());
        boolean unsupported = run.exitCode() == 63 && run.err().contains("does not support checks");
        if (run.exitCode() != 0 && !unsupported) {
            throw new AssertionError(run.describe());
        }
        return run;
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new AssertionError("qemu-img info printed no " + p.pattern() + ":\n" + text);
        }
        return m.group(1);
    }
}
