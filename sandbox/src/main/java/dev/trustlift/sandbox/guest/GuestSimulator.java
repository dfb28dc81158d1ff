package dev.trustlift.sandbox.guest;

import java.util.List;
import java.util.Locale;

/**
 * Answers Run Command scripts from the simulated guest. PowerShell scripts run statement by
 * statement ({@link WindowsScriptRun}: Storage, BitLocker, service, firmware and TPM cmdlets,
 * MBR2GPT.EXE with its logs), shell scripts line by line ({@link CommandEmulator}: sfdisk, lsblk,
 * findmnt, df, /etc/fstab, sysfs firmware and TPM, mokutil), printing what the real commands
 * print for the VM's state. The older one-call answers for Defrag and ReAgentC remain. The upgrade's scripts not yet built
 * on real commands are still named by a leading {@code # trustlift:<name>} line.
 */
public final class GuestSimulator {
    public static final String MARKER = "# trustlift:";
    /** The exit-code line trustlift's wrapper prints as its last statement (core's GuestScript). */
    static final String EXIT_MARKER = "TRUSTLIFT_EXIT=";
    /** A shell {@code echo "X=$?"} or PowerShell {@code Write-Output "X=$var"} of the exit code: what a real guest prints. */
    private static final java.util.regex.Pattern ECHOES_EXIT = java.util.regex.Pattern.compile(
            "(?i)^\\s*(echo|write-output)\\s+\"" + EXIT_MARKER + "\\$[?\\w]+\"\\s*$");

    private GuestSimulator() {
    }

    public static ScriptResult run(String commandId, List<String> script, GuestContext ctx) {
        return run(commandId, script, ctx, java.util.Map.of());
    }

    /**
     * Runs a script with managed Run Command parameters, passed as Azure passes them: to a
     * PowerShell script as named arguments (its param() block takes them), to a shell script as
     * environment variables.
     */
    public static ScriptResult run(String commandId, List<String> script, GuestContext ctx,
                                   java.util.Map<String, String> parameters) {
        ScriptResult r = answer(commandId, script, ctx, parameters);
        // Only a script that echoes its exit code prints it, as on a real guest; the emulators skip
        // that line, so it is printed here with the code the script ended with.
        if (script.stream().anyMatch(line -> ECHOES_EXIT.matcher(line).matches())) {
            List<String> out = new java.util.ArrayList<>(r.stdout());
            out.add(EXIT_MARKER + r.exitCode());
            return new ScriptResult(out, r.stderr(), r.exitCode(), r.newLayout());
        }
        return r;
    }

    private static ScriptResult answer(String commandId, List<String> script, GuestContext ctx,
                                       java.util.Map<String, String> parameters) {
        String text = String.join("\n", script);
        String lower = text.toLowerCase(Locale.ROOT);
        String marker = marker(script);
        boolean shell = "RunShellScript".equalsIgnoreCase(commandId);
        if (ctx.windows() && shell || !ctx.windows() && !shell) {
            return new ScriptResult(List.of(), List.of("trustlift sandbox: " + commandId + " does not run on a "
                    + (ctx.windows() ? "Windows" : "Linux") + " VM"), 1, null);
        }
        if (ctx.windows() && lower.contains("mbr2gpt") && ctx.osName() != null && ctx.osName().contains("2016")) {
            // Windows Server 2016 ships without MBR2GPT.EXE: PowerShell reports an unknown command.
            return new ScriptResult(List.of(), List.of("MBR2GPT : The term 'MBR2GPT' is not recognized as the name of a "
                    + "cmdlet, function, script file, or operable program."), 1, null);
        }
        if (ctx.windows() && lower.contains("defrag") && lower.contains("/u")) {
            ctx.guest().defragment();
            return ScriptResult.of(List.of("Invoking defragmentation on (C:)...", "The operation completed successfully."), 0);
        }
        if (ctx.windows() && lower.contains("reagentc") && !lower.contains("reagentc /info")) {
            return ScriptResult.of(List.of("REAGENTC.EXE: Operation Successful."), 0);
        }
        if ("linux-convert".equals(marker) && !ctx.windows()) {
            return LinuxGuest.convert(ctx.disk(), ctx.guestFault().apply("linux-convert"));
        }
        ScriptResult emulated = CommandEmulator.run(script, ctx, parameters);
        if (emulated != null) {
            return emulated;
        }
        String first = script.isEmpty() ? "" : script.get(0);
        return new ScriptResult(List.of(), List.of("trustlift sandbox: script not recognized (first line: '" + first
                + "'); see docs/sandbox.md for the scripts the simulated guest answers"), 127, null);
    }

    /** The script's name from its leading comment lines (a shebang or other comments may come first). */
    static String marker(List<String> script) {
        for (String line : script) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith(MARKER)) {
                return t.substring(MARKER.length()).strip();
            }
            if (!t.startsWith("#")) {
                return null;
            }
        }
        return null;
    }
}
