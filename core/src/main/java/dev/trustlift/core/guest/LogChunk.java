package dev.trustlift.core.guest;

import dev.trustlift.core.cloud.ScriptResult;
import java.util.Base64;
import java.util.List;

/**
 * One run of fetch-log.ps1: the log's total length, where this chunk starts and its bytes.
 * {@code absent} when the log does not exist (MBR2GPT never ran, or wrote no setuperr.log).
 */
public record LogChunk(boolean absent, long totalLength, long offset, byte[] bytes) {
    static final String LENGTH = "Length";
    static final String OFFSET = "Offset";
    static final String BASE64 = "Base64";

    public long nextOffset() {
        return offset + bytes.length;
    }

    /** Reads fetch-log.ps1's output; a missing file is .NET's FileNotFoundException on stderr. */
    public static LogChunk parse(ScriptResult result) {
        ScriptSections s = ScriptSections.of(result.stdout());
        if (!s.has(LENGTH)) {
            if (result.stderr().contains("Could not find file") || result.stderr().contains("FileNotFoundException")) {
                return new LogChunk(true, 0, 0, new byte[0]);
            }
            throw new IllegalArgumentException("fetch-log printed no Length section: " + result.stderr().strip());
        }
        long total = number(s, LENGTH);
        long offset = number(s, OFFSET);
        List<String> b64 = s.lines(BASE64);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(String.join("", b64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fetch-log's chunk is not base64: " + e.getMessage());
        }
        if (offset + bytes.length > total) {
            throw new IllegalArgumentException("fetch-log's chunk ends at " + (offset + bytes.length) + ", past the log's "
                    + total + " bytes");
        }
        return new LogChunk(false, total, offset, bytes);
    }

    private static long number(ScriptSections s, String name) {
        List<String> lines = s.lines(name);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("fetch-log's " + name + " section is empty");
        }
        try {
            return Long.parseLong(lines.get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fetch-log's " + name + " is not a number: '" + lines.get(0) + "'");
        }
    }
}
