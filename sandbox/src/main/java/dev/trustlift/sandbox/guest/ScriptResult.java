package dev.trustlift.sandbox.guest;

import java.util.List;

/**
 * What a simulated script printed and its exit code, plus the disk layout it left behind (null
 * when unchanged). The sandbox ends stdout with {@code TRUSTLIFT_EXIT=<code>}, as trustlift's
 * scripts do on a real guest (docs/sandbox.md).
 */
public record ScriptResult(List<String> stdout, List<String> stderr, int exitCode, DiskLayout newLayout) {

    public static ScriptResult of(List<String> stdout, int exitCode) {
        return new ScriptResult(stdout, List.of(), exitCode, null);
    }

    public String stdoutText() {
        StringBuilder sb = new StringBuilder();
        for (String line : stdout) {
            sb.append(line).append('\n');
        }
        sb.append("TRUSTLIFT_EXIT=").append(exitCode).append('\n');
        return sb.toString();
    }

    public String stderrText() {
        return stderr.isEmpty() ? "" : String.join("\n", stderr) + "\n";
    }
}
