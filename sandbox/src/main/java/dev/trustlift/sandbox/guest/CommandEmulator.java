package dev.trustlift.sandbox.guest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a script line by line on a simulated guest, answering the real commands it knows
 * (sfdisk, lsblk, findmnt, df, /etc/fstab; the Storage and BitLocker cmdlets piped through
 * Select-Object and ConvertTo-Json) with what they print, computed from the VM's disk. Lines
 * that print nothing (assignments, set/export, braces, the exit-code wrapper) pass; any other
 * line is reported on stderr and the script ends 127, so a script the sandbox cannot answer
 * fails loudly instead of being answered wrongly. Returns null when no line is a known command.
 */
final class CommandEmulator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUOTED_OUTPUT = Pattern.compile("^(?:echo|Write-Output)\\s+'([^']*)'$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SHELL_ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern PS_ASSIGNMENT = Pattern.compile("^\\$[A-Za-z_:][A-Za-z0-9_:]*\\s*=.*");
    private static final Pattern IF_COMMAND = Pattern.compile("^if \\(Get-Command ([A-Za-z-]+) [^)]*\\) \\{$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ELSE_ONE_LINE = Pattern.compile("^\\} else \\{ (.*) \\}$");

    private final GuestContext ctx;
    private final boolean windows;
    private final LinuxCommands linux;
    private final WindowsCmdlets cmdlets;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private boolean answered;
    /** Inside an {@code if (Get-Command X)} whose cmdlet exists: its one-line else is skipped. */
    private boolean skipElse;

    private CommandEmulator(GuestContext ctx) {
        this.ctx = ctx;
        this.windows = ctx.windows();
        this.linux = new LinuxCommands(ctx.disk(), ctx.guest());
        this.cmdlets = new WindowsCmdlets(ctx.disk(), ctx.guest());
    }

    static ScriptResult run(List<String> script, GuestContext ctx) {
        return run(script, ctx, java.util.Map.of());
    }

    /** Windows scripts run statement by statement ({@link WindowsScriptRun}); shell scripts line by line here. */
    static ScriptResult run(List<String> script, GuestContext ctx, java.util.Map<String, String> parameters) {
        if (ctx.windows()) {
            return WindowsScriptRun.run(script, ctx, parameters);
        }
        CommandEmulator e = new CommandEmulator(ctx);
        for (String line : script) {
            e.line(line.strip());
        }
        if (!e.answered) {
            return null;
        }
        return new ScriptResult(e.out, e.err, e.err.isEmpty() ? 0 : 127, null);
    }

    private void line(String line) {
        if (line.isEmpty() || line.startsWith("#") || line.contains(GuestSimulator.EXIT_MARKER)) {
            return;
        }
        Matcher quoted = QUOTED_OUTPUT.matcher(line);
        if (quoted.matches()) {
            out.add(quoted.group(1));
            return;
        }
        if (windows ? powershell(line) : shell(line)) {
            answered = true;
            return;
        }
        if (silent(line)) {
            return;
        }
        err.add("trustlift sandbox: the simulated guest does not emulate: " + line + " (docs/sandbox.md lists what it does)");
    }

    private boolean silent(String line) {
        if (windows) {
            return PS_ASSIGNMENT.matcher(line).matches() || line.matches("^[{}()&\\s]*$") || line.equals("try {")
                    || line.equals("& {") || line.startsWith("} catch {");
        }
        return SHELL_ASSIGNMENT.matcher(line).matches() || line.equals("(") || line.equals(")") || line.startsWith("set ")
                || line.startsWith("export ") || line.matches("exit \\d+");
    }

    private boolean shell(String line) {
        if (line.startsWith("sfdisk --json ")) {
            out.addAll(linux.sfdiskJson());
            return true;
        }
        if (line.startsWith("lsblk -J ")) {
            List<String> columns = option(line, "-o");
            for (String c : columns) {
                if (!LinuxCommands.knownLsblkColumn(c)) {
                    err.add("lsblk: unknown column: " + c);
                    return true;
                }
            }
            out.addAll(linux.lsblkJson(columns, line.matches(".*\\s-[a-zA-Z]*p[a-zA-Z]*\\s.*")));
            return true;
        }
        if (line.startsWith("findmnt -J ")) {
            out.addAll(linux.findmntJson(line.substring(line.lastIndexOf(' ') + 1)));
            return true;
        }
        if (line.equals("df -Pm /")) {
            out.addAll(linux.dfRoot());
            return true;
        }
        if (line.startsWith("grep ") && line.endsWith(" /etc/fstab")) {
            out.addAll(linux.fstab());
            return true;
        }
        List<String> firmware = LinuxFirmware.answer(line, ctx);
        if (firmware != null) {
            out.addAll(firmware);
            return true;
        }
        // a loop that only captures lookups in $(...) (the probe's walk up lsblk's PKNAME) prints nothing
        return line.startsWith("for ") && line.endsWith("done") && line.contains("$(lsblk ");
    }

    private boolean powershell(String line) {
        Matcher ifCommand = IF_COMMAND.matcher(line);
        if (ifCommand.matches()) {
            skipElse = WindowsCmdlets.known(ifCommand.group(1));
            if (!skipElse) {
                err.add("trustlift sandbox: " + ifCommand.group(1) + " is not emulated");
            }
            return true;
        }
        Matcher otherwise = ELSE_ONE_LINE.matcher(line);
        if (otherwise.matches()) {
            if (!skipElse) {
                line(otherwise.group(1));
            }
            skipElse = false;
            return true;
        }
        String[] stages = line.split("\\s*\\|\\s*");
        String cmdlet = stages[0].split("\\s+")[0];
        if (stages[0].startsWith("$") && stages[0].contains("=")) {
            String rhs = stages[0].substring(stages[0].indexOf('=') + 1).strip().split("\\s+")[0];
            return WindowsCmdlets.known(rhs) && stages.length == 1;
        }
        if (!WindowsCmdlets.known(cmdlet)) {
            return false;
        }
        List<ObjectNode> objects = cmdlets.run(cmdlet);
        boolean json = false;
        boolean compress = false;
        for (int i = 1; i < stages.length; i++) {
            String[] words = stages[i].split("\\s+", 2);
            if (words[0].equalsIgnoreCase("Select-Object") && words.length == 2) {
                objects = select(objects, words[1].split("\\s*,\\s*"));
            } else if (words[0].equalsIgnoreCase("ConvertTo-Json")) {
                json = true;
                compress = words.length == 2 && words[1].toLowerCase(Locale.ROOT).contains("-compress");
            } else {
                err.add("trustlift sandbox: the simulated guest does not emulate the pipeline stage: " + stages[i]);
                return true;
            }
        }
        if (!json) {
            err.add("trustlift sandbox: only ConvertTo-Json output of " + cmdlet + " is emulated (table formatting is not)");
            return true;
        }
        out.addAll(toJson(objects, compress));
        return true;
    }

    /** Select-Object: the named properties in that order; a name the object lacks comes out null, as PowerShell does. */
    static List<ObjectNode> select(List<ObjectNode> objects, String[] names) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : objects) {
            ObjectNode s = JSON.createObjectNode();
            for (String n : names) {
                String key = n.strip();
                var match = o.properties().stream().filter(e -> e.getKey().equalsIgnoreCase(key)).findFirst();
                s.set(match.map(java.util.Map.Entry::getKey).orElse(key), match.map(java.util.Map.Entry::getValue)
                        .orElse(s.nullNode()));
            }
            out.add(s);
        }
        return out;
    }

    /** ConvertTo-Json: one object bare, several as an array (Windows PowerShell's pipeline behaviour). */
    static List<String> toJson(List<ObjectNode> objects, boolean compress) {
        Object value;
        if (objects.size() == 1) {
            value = objects.get(0);
        } else {
            ArrayNode array = JSON.createArrayNode();
            objects.forEach(array::add);
            value = array;
        }
        try {
            String text = compress ? JSON.writeValueAsString(value) : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
            return text.lines().toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The comma-separated values after a short option ({@code -o NAME,TYPE}). */
    private static List<String> option(String line, String flag) {
        String[] words = line.split("\\s+");
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals(flag)) {
                return List.of(words[i + 1].split(","));
            }
        }
        return List.of("NAME", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINT");
    }
}
