package dev.trustlift.core.cloud;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a guest script produced. Parsers in core read stdout (MBR2GPT logs, partition probes), so
 * the exit marker is removed from it here, once.
 *
 * @param exitCode the script's exit code, or {@link #UNKNOWN_EXIT} when the marker was missing
 *        (the script called exit in PowerShell, or the guest died)
 */
public record ScriptResult(int exitCode, String stdout, String stderr) {

    public static final int UNKNOWN_EXIT = Integer.MIN_VALUE;

    private static final Pattern MARKER =
            Pattern.compile("(?m)^" + Pattern.quote(GuestScript.EXIT_MARKER) + "(-?\\d+)\\s*$");

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Builds a result from raw Run Command output: the last marker line gives the exit code and is dropped. */
    public static ScriptResult fromRawOutput(String stdout, String stderr) {
        String out = stdout == null ? "" : stdout;
        Matcher m = MARKER.matcher(out);
        int start = -1;
        int end = -1;
        String code = null;
        while (m.find()) {
            start = m.start();
            end = m.end();
            code = m.group(1);
        }
        if (code == null) {
            return new ScriptResult(UNKNOWN_EXIT, out, stderr == null ? "" : stderr);
        }
        int exit;
        try {
            exit = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            exit = UNKNOWN_EXIT;
        }
        String before = out.substring(0, start);
        String after = out.substring(end).replaceFirst("^\\r?\\n", "");
        return new ScriptResult(exit, before + after, stderr == null ? "" : stderr);
    }
}
