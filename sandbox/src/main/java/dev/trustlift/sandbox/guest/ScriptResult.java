package dev.trustlift.sandbox.guest;

import java.util.List;

/**
 * What a simulated script printed and its exit code, plus the disk layout it left behind (null
 * when unchanged). The exit-code line is in stdout only when the script echoed it
 * ({@link GuestSimulator}).
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
        return sb.toString();
    }

    public String stderrText() {
        return stderr.isEmpty() ? "" : String.join("\n", stderr) + "\n";
    }
}
