package dev.trustlift.core.cloud;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A script to run in the guest through Run Command. The lines must already be safe (no unquoted
 * user data, DESIGN safety rule 5); the port only wraps them so an exit code can be recovered.
 *
 * <p>Run Command (the action API) returns stdout and stderr but no exit code. So every script is
 * wrapped to end with one marker line {@value #EXIT_MARKER}N, printed last because ARM keeps only
 * the tail of long outputs (about 4 KB): the marker survives truncation. Shell lines run in a
 * subshell so an {@code exit n} inside still reaches the marker; PowerShell lines run in a script
 * block whose failure or {@code $LASTEXITCODE} decides the code. A PowerShell {@code exit}
 * ends the whole script, so the marker is missing and the code is {@link ScriptResult#UNKNOWN_EXIT}:
 * Windows scripts must signal failure by throwing or by a native command's exit code.
 *
 * <p>{@code parameters} carry user data (a disk number, sizes, offsets) as managed Run Command
 * parameters, never spliced into the lines: Azure passes them to a Windows script as named
 * arguments ({@code script.ps1 -DiskNumber 0}, read by its {@code param(...)} block) and to a Linux
 * script as environment variables (Learn, "Run scripts in your Linux VM by using managed Run
 * Commands", Parameter and ProtectedParameter). Names are identifiers, in the order given.
 */
public record GuestScript(OsType os, List<String> lines, Duration timeout, Map<String, String> parameters) {

    public static final String EXIT_MARKER = "TRUSTLIFT_EXIT=";

    public GuestScript {
        if (os == null) {
            throw new IllegalArgumentException("a guest script needs an OS type");
        }
        lines = List.copyOf(lines);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a guest script needs a positive timeout");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        (parameters == null ? Map.<String, String>of() : parameters).forEach((k, v) -> {
            if (k == null || !k.matches("[A-Za-z_][A-Za-z0-9_]*") || v == null) {
                throw new IllegalArgumentException("a run command parameter needs an identifier name and a value: " + k);
            }
            copy.put(k, v);
        });
        parameters = java.util.Collections.unmodifiableMap(copy);
    }

    /** A script without parameters. */
    public GuestScript(OsType os, List<String> lines, Duration timeout) {
        this(os, lines, timeout, Map.of());
    }

    /** The same script with these run command parameters. */
    public GuestScript withParameters(Map<String, String> values) {
        return new GuestScript(os, lines, timeout, values);
    }

    /**
     * The lines actually sent: the script wrapped so that its last output line is the exit marker.
     * Leading comment lines stay first, outside the wrapper: a shebang must be line one. A
     * PowerShell {@code param(...)} block after them stays too (it must be the script's first
     * statement to receive Run Command's named parameters); the wrapped block sees its variables.
     */
    public List<String> wrappedLines() {
        List<String> out = new ArrayList<>();
        int body = 0;
        while (body < lines.size() && (lines.get(body).isBlank() || lines.get(body).strip().startsWith("#"))) {
            out.add(lines.get(body));
            body++;
        }
        if (os == OsType.WINDOWS && body < lines.size() && lines.get(body).strip().toLowerCase(java.util.Locale.ROOT)
                .startsWith("param(")) {
            int depth = 0;
            do {
                String line = lines.get(body);
                depth += line.chars().filter(c -> c == '(').count() - line.chars().filter(c -> c == ')').count();
                out.add(line);
                body++;
            } while (depth > 0 && body < lines.size());
        }
        List<String> rest = lines.subList(body, lines.size());
        if (os == OsType.LINUX) {
            out.add("(");
            out.addAll(rest);
            out.add(")");
            out.add("echo \"" + EXIT_MARKER + "$?\"");
        } else {
            out.add("$global:LASTEXITCODE = 0");
            out.add("$trustliftOk = $true");
            out.add("try {");
            out.add("& {");
            out.addAll(rest);
            out.add("}");
            out.add("$trustliftOk = $?");
            out.add("} catch { Write-Error $_; $trustliftOk = $false }");
            out.add("$trustliftExit = if ($LASTEXITCODE) { $LASTEXITCODE } elseif ($trustliftOk) { 0 } else { 1 }");
            out.add("Write-Output \"" + EXIT_MARKER + "$trustliftExit\"");
        }
        return out;
    }
}
