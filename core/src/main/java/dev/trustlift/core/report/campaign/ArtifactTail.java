package dev.trustlift.core.report.campaign;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The last lines of a text log (setupact.log, a serial console log) for a report to show inline; the
 * whole file stays in the journal's folder and is linked. Reads at most the last 64 KiB, so a large
 * log costs nothing; a file that looks binary (a NUL byte) or is missing gives nothing. UTF-8, or
 * UTF-16LE with its byte order mark.
 */
public final class ArtifactTail {
    public static final int LINES = 40;
    private static final int MAX_BYTES = 64 * 1024;

    private ArtifactTail() {
    }

    public static Optional<List<String>> of(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            String text;
            if (size == length && size >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
                // Windows tools may write UTF-16 with a byte order mark (PowerShell's Out-File did by default).
                text = new String(bytes, 2, size - 2, StandardCharsets.UTF_16LE);
            } else {
                for (byte b : bytes) {
                    if (b == 0) {
                        return Optional.empty();
                    }
                }
                text = new String(bytes, StandardCharsets.UTF_8);
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            List<String> lines = Arrays.asList(text.split("\r?\n", -1));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines = lines.subList(0, lines.size() - 1);
            }
            if (size < length && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // the first line is cut at the window's start
            }
            return Optional.of(List.copyOf(lines.subList(Math.max(0, lines.size() - LINES), lines.size())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
