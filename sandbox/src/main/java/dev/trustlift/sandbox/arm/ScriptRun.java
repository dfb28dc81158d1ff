package dev.trustlift.sandbox.arm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run Command's limits on a script (Learn, "Run scripts in your VM by using action Run Commands"
 * and "managed Run Commands"; facts/arm.md "Run Command limits"): an action run command ends after
 * 90 minutes and keeps only the last 4,096 bytes of each output stream; a managed one ends at its
 * timeoutInSeconds. A simulated script's own run time is what its sleep commands say
 * ({@code Start-Sleep [-Seconds] N}, {@code Start-Sleep -Milliseconds N}, {@code sleep N[smh]}),
 * the only commands whose duration is known without running them; everything else takes no time
 * beyond Run Command's own round trip (the run-command latency).
 */
final class ScriptRun {
    /** The longest an action run command's script runs. */
    static final double MAX_SECONDS = 90 * 60;
    /** What Azure keeps of each output stream of an action run command. */
    static final int OUTPUT_BYTES = 4096;

    private static final Pattern PS_SECONDS = Pattern.compile(
            "(?i)\\bStart-Sleep\\s+(?:-s(?:econds)?\\s+)?(\\d+(?:\\.\\d+)?)(?!\\S)");
    private static final Pattern PS_MILLIS = Pattern.compile("(?i)\\bStart-Sleep\\s+-m(?:illiseconds)?\\s+(\\d+)");
    private static final Pattern SH_SLEEP = Pattern.compile("(?i)(?:^|[\\s;&|(])sleep\\s+(\\d+(?:\\.\\d+)?)([smh]?)(?!\\S)");

    private ScriptRun() {
    }

    /** The script's own simulated run time in seconds (at time scale 1). */
    static double seconds(List<String> script) {
        double total = 0;
        for (String line : script) {
            String code = line.strip();
            if (code.startsWith("#")) {
                continue;
            }
            Matcher m = PS_SECONDS.matcher(code);
            while (m.find()) {
                total += Double.parseDouble(m.group(1));
            }
            m = PS_MILLIS.matcher(code);
            while (m.find()) {
                total += Double.parseDouble(m.group(1)) / 1000;
            }
            m = SH_SLEEP.matcher(code);
            while (m.find()) {
                double n = Double.parseDouble(m.group(1));
                total += switch (m.group(2).toLowerCase()) {
                    case "m" -> n * 60;
                    case "h" -> n * 3600;
                    default -> n;
                };
            }
        }
        return total;
    }

    /** The last {@link #OUTPUT_BYTES} bytes of a stream, cut at a character boundary. */
    static String lastBytes(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= OUTPUT_BYTES) {
            return text;
        }
        int from = bytes.length - OUTPUT_BYTES;
        while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
            from++;
        }
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }
}
