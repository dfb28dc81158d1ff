package dev.trustlift.sandbox.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a PowerShell script on the simulated Windows guest statement by statement: the param()
 * block takes Run Command's named parameters, if/elseif/else blocks and try/catch/finally run as
 * PowerShell runs them, and each command is answered from the VM's state (Storage and BitLocker
 * cmdlets, Get-Service, Resize-Partition, Optimize-Volume, MBR2GPT.EXE, firmware and TPM
 * cmdlets, reading a file in %windir%). Errors are terminating, as under
 * {@code $ErrorActionPreference = 'Stop'}: the script ends and the error goes to stderr. A
 * statement this emulation does not know ends the script with 127 and names it.
 */
final class WindowsScriptRun {
    private static final Pattern QUOTED_OUTPUT = Pattern.compile("^Write-Output\\s+'([^']*)'$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASSIGNMENT = Pattern.compile("^\\$([A-Za-z_][A-Za-z0-9_:]*)\\s*=\\s*(.+)$");
    private static final Pattern PARAM = Pattern.compile("\\]\\s*\\$([A-Za-z_][A-Za-z0-9_]*)(?:\\s*=\\s*('[^']*'|\\d+))?");
    private static final Pattern IF_OPEN = Pattern.compile("^(?:\\}\\s*else)?if\\s*\\((.*)\\)\\s*\\{(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRY = Pattern.compile("^try \\{ (.*?) \\} catch \\{ (.*?) \\}(?: finally \\{ (.*) \\})?$");
    private static final Pattern MBR2GPT = Pattern.compile("^MBR2GPT(?:\\.exe)?(\\s.*)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BASE64 = Pattern.compile(
            "^\\[Convert\\]::ToBase64String\\((\\$\\w+), (.+), \\[Math\\]::Min\\((.+), (.+)\\)\\)$", Pattern.CASE_INSENSITIVE);

    /** One open block: whether its body runs, and whether a branch of its if-chain already ran. */
    private record Block(boolean parentActive, boolean taken, boolean active) {
    }

    private final GuestContext ctx;
    private final WindowsCmdlets cmdlets;
    private final FirmwareCmdlets firmware;
    private final Map<String, Object> vars = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> parameters;
    private final PsExpression expr;
    private final Deque<Block> blocks = new ArrayDeque<>();
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final WindowsTools tools;
    private DiskLayout converted;
    private int lastExit;
    private boolean failed;
    private boolean unknown;
    private boolean answered;

    private WindowsScriptRun(GuestContext ctx, Map<String, String> parameters) {
        this.ctx = ctx;
        this.cmdlets = new WindowsCmdlets(ctx.disk(), ctx.guest());
        this.firmware = new FirmwareCmdlets(ctx);
        this.parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.parameters.putAll(parameters);
        this.expr = new PsExpression(vars, this::command);
        this.tools = new WindowsTools(ctx, out);
        vars.put("env:windir", "C:\\Windows");
        vars.put("LASTEXITCODE", 0L);
        vars.put("env:firmware_type", firmware.firmwareType());
    }

    /** Null when no statement was a command this emulation knows (the script is not one it answers). */
    static ScriptResult run(List<String> script, GuestContext ctx, Map<String, String> parameters) {
        WindowsScriptRun r = new WindowsScriptRun(ctx, parameters);
        for (String line : script) {
            if (r.failed || r.unknown) {
                break;
            }
            r.line(line.strip());
        }
        if (!r.answered) {
            return null;
        }
        int exit = r.unknown ? 127 : r.lastExit != 0 ? r.lastExit : r.failed ? 1 : 0;
        DiskLayout layout = r.converted != null ? r.converted : r.cmdlets.resized() ? r.cmdlets.disk() : null;
        return new ScriptResult(r.out, r.err, exit, layout);
    }

    private boolean active() {
        return blocks.isEmpty() || blocks.peek().active();
    }

    private void line(String line) {
        if (line.isEmpty() || line.startsWith("#") || line.contains(GuestSimulator.EXIT_MARKER)) {
            return;
        }
        Matcher ifOpen = IF_OPEN.matcher(line);
        if (ifOpen.matches() && ifOpen.group(2).isBlank()) {
            if (line.startsWith("}")) {
                Block b = blocks.pop();
                boolean run = b.parentActive() && !b.taken() && cond(ifOpen.group(1));
                blocks.push(new Block(b.parentActive(), b.taken() || run, run));
            } else {
                boolean run = active() && cond(ifOpen.group(1));
                blocks.push(new Block(active(), run, run));
            }
            return;
        }
        if (line.matches("^\\}\\s*else\\s*\\{$")) {
            Block b = blocks.pop();
            blocks.push(new Block(b.parentActive(), true, b.parentActive() && !b.taken()));
            return;
        }
        Matcher elseOne = Pattern.compile("^\\}\\s*else\\s*\\{ (.*) \\}$").matcher(line);
        if (elseOne.matches()) {
            Block b = blocks.pop();
            if (b.parentActive() && !b.taken()) {
                statements(elseOne.group(1));
            }
            return;
        }
        if (line.equals("}")) {
            blocks.pop();
            return;
        }
        // the port's exit-code wrapper (GuestScript): a try around the script block; the sandbox appends the exit line itself
        if (line.equals("try {") || line.equals("& {")) {
            blocks.push(new Block(active(), true, active()));
            return;
        }
        if (line.startsWith("} catch {")) {
            blocks.pop();
            return;
        }
        if (line.matches("^\\$(global:LASTEXITCODE|trustlift\\w*)\\s*=.*")) {
            return;
        }
        if (!active()) {
            return;
        }
        if (ifOpen.matches() && ifOpen.group(2).strip().endsWith("}")) {
            String body = ifOpen.group(2).strip();
            if (cond(ifOpen.group(1))) {
                statements(body.substring(0, body.length() - 1).strip());
            }
            return;
        }
        Matcher t = TRY.matcher(line);
        if (t.matches()) {
            try {
                statements(t.group(1));
            } catch (PsError e) {
                vars.put("_", e.getMessage());
                statements(t.group(2));
            } finally {
                if (t.group(3) != null) {
                    statements(t.group(3));
                }
            }
            return;
        }
        try {
            statements(line);
        } catch (PsError e) {
            err.add(e.getMessage());
            failed = true;
        } catch (UnknownStatement e) {
            unknownLine(e.getMessage());
        }
    }

    private void unknownLine(String what) {
        err.add("trustlift sandbox: the simulated guest does not emulate: " + what + " (docs/sandbox.md lists what it does)");
        unknown = true;
    }

    private boolean cond(String c) {
        try {
            return PsExpression.truthy(expr.eval(c));
        } catch (PsError e) {
            err.add(e.getMessage());
            failed = true;
        } catch (UnknownStatement e) {
            unknownLine(e.getMessage());
        }
        return false;
    }

    private void statements(String text) {
        int from = 0;
        List<Integer> cuts = new ArrayList<>(PsExpression.occurrences(text, "; "));
        cuts.add(text.length());
        for (int cut : cuts) {
            if (!unknown) {
                statement(text.substring(from, cut).strip());
            }
            from = cut + 2;
        }
    }

    private void statement(String s) {
        Matcher quoted = QUOTED_OUTPUT.matcher(s);
        if (quoted.matches()) {
            out.add(quoted.group(1));
            return;
        }
        if (s.equalsIgnoreCase("Write-Output $_.Exception.Message")) {
            out.add(PsExpression.string(vars.get("_")));
            return;
        }
        if (s.toLowerCase(Locale.ROOT).startsWith("throw ")) {
            throw new PsError(PsExpression.string(expr.eval(s.substring(6))));
        }
        if (s.toLowerCase(Locale.ROOT).startsWith("param(")) {
            Matcher p = PARAM.matcher(s);
            while (p.find()) {
                String given = parameters.get(p.group(1));
                Object value = given != null ? (given.matches("-?\\d+") ? (Object) Long.parseLong(given) : given)
                        : p.group(2) == null ? null : expr.eval(p.group(2));
                vars.put(p.group(1), value);
            }
            return;
        }
        Matcher a = ASSIGNMENT.matcher(s);
        if (a.matches()) {
            String rhs = a.group(2).strip();
            vars.put(a.group(1), rhs.startsWith("'") || rhs.matches("\\d+") ? expr.eval(rhs) : value(rhs));
            return;
        }
        Matcher b64 = BASE64.matcher(s);
        if (b64.matches()) {
            byte[] bytes = (byte[]) expr.eval(b64.group(1));
            int from = (int) PsExpression.number(expr.eval(b64.group(2)));
            int count = (int) Math.min(PsExpression.number(expr.eval(b64.group(3))), PsExpression.number(expr.eval(b64.group(4))));
            out.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, from, from + count)));
            answered = true;
            return;
        }
        Object v = value(s);
        if (unknown) {
            return;
        }
        if (v instanceof List<?> list) {
            if (!list.isEmpty()) {
                err.add("trustlift sandbox: only ConvertTo-Json output of objects is emulated (table formatting is not): " + s);
                unknown = true;
            }
        } else if (v instanceof ObjectNode) {
            err.add("trustlift sandbox: only ConvertTo-Json output of objects is emulated (table formatting is not): " + s);
            unknown = true;
        } else if (v != null && v != WindowsTools.NOTHING) {
            out.add(PsExpression.string(v));
        }
    }

    /** An expression's value; a line this emulation does not know marks the run unknown. */
    private Object value(String s) {
        try {
            return expr.eval(s);
        } catch (UnknownStatement e) {
            unknownLine(e.getMessage());
            return null;
        }
    }

    /** A command (a pipeline of them), as PsExpression meets it. */
    private Object command(String s) {
        String[] stages = s.split("\\s*\\|\\s*");
        Object value;
        try {
            value = stages[0].startsWith("(") ? expr.eval(stages[0]) : first(stages[0].strip());
        } catch (PsError e) {
            answered = true; // a known command that failed, as PowerShell reports it
            throw e;
        }
        answered = true;
        return PsPipeline.rest(value, stages, expr, cmdlets);
    }

    /** The first command of a pipeline. */
    private Object first(String s) {
        String[] words = s.split("\\s+", 2);
        String name = words[0].toLowerCase(Locale.ROOT);
        Map<String, String> args = arguments(words.length > 1 ? words[1] : "");
        if (WindowsCmdlets.known(name)) {
            List<ObjectNode> objects = cmdlets.run(name, args);
            return objects.size() == 1 ? objects.get(0) : objects;
        }
        Matcher mbr = MBR2GPT.matcher(s);
        if (mbr.matches()) {
            MbrCall call = MbrCall.parse(mbr.group(1) == null ? "" : expr.expand(mbr.group(1).replace("\"", "")));
            ScriptResult r = tools.mbr2gpt(call, cmdlets.disk());
            lastExit = r.exitCode();
            vars.put("LASTEXITCODE", (long) lastExit);
            err.addAll(r.stderr());
            if (r.newLayout() != null) {
                converted = r.newLayout();
            }
            return WindowsTools.NOTHING;
        }
        if (name.equals("reagentc") && words.length == 2 && words[1].matches("(?i)/(info|enable|disable)")) {
            String text = tools.reagentc(words[1]);
            lastExit = 0;
            vars.put("LASTEXITCODE", 0L);
            if (!words[1].equalsIgnoreCase("/info")) {
                out.add(text);
                return WindowsTools.NOTHING;
            }
            return text;
        }
        Object letters = DriveLetters.command(name, s, args, cmdlets);
        if (letters != null) {
            return letters;
        }
        return switch (name) {
            case "join-path" -> {
                List<Integer> cuts = PsExpression.occurrences(words[1], " ");
                if (cuts.size() != 1) {
                    throw new UnknownStatement(s);
                }
                yield PsExpression.string(expr.eval(words[1].substring(0, cuts.get(0)))) + "\\"
                        + PsExpression.string(expr.eval(words[1].substring(cuts.get(0) + 1)));
            }
            case "[xml](get-content" -> {
                if (!PsExpression.string(expr.eval(s.substring(s.lastIndexOf(' ') + 1, s.length() - 1))).toLowerCase(Locale.ROOT)
                        .endsWith("\\system32\\recovery\\reagent.xml")) {
                    throw new UnknownStatement(s);
                }
                yield tools.reAgentXml();
            }
            case "get-command" -> WindowsCmdlets.known(words[1].split("\\s+")[0]) || words[1].startsWith("Get-Tpm") ? Boolean.TRUE
                    : null;
            // its run time is ScriptRun's business (the operation's latency); here it prints nothing
            case "start-sleep" -> WindowsTools.NOTHING;
            case "optimize-volume" -> {
                cmdlets.defragment();
                yield WindowsTools.NOTHING;
            }
            case "resize-partition" -> {
                cmdlets.resizeC(Long.parseLong(args.get("size")));
                yield WindowsTools.NOTHING;
            }
            case "confirm-securebootuefi" -> firmware.confirmSecureBoot();
            case "get-tpm" -> firmware.tpm();
            case "get-ciminstance" -> {
                if (!"Win32_Tpm".equalsIgnoreCase(args.get("classname"))) {
                    throw new UnknownStatement(s);
                }
                yield new ArrayList<>(firmware.win32Tpm());
            }
            case "mountvol" -> {
                if (s.matches("(?i)mountvol S: /S")) {
                    firmware.mountEsp();
                } else if (s.matches("(?i)mountvol S: /D")) {
                    firmware.unmountEsp();
                } else {
                    throw new UnknownStatement(s);
                }
                yield WindowsTools.NOTHING;
            }
            case "get-authenticodesignature" -> firmware.signature(args.getOrDefault("filepath", ""));
            case "[system.text.encoding]::ascii.getstring((get-securebootuefi" -> {
                if (!s.matches("(?i)\\[System\\.Text\\.Encoding\\]::ASCII\\.GetString\\(\\(Get-SecureBootUEFI db\\)\\.bytes\\)")) {
                    throw new UnknownStatement(s);
                }
                yield firmware.dbText();
            }
            case "[system.io.file]::readallbytes((join-path" -> tools.readWindowsFile(PsExpression.string(
                    expr.eval(s.substring(s.toLowerCase(Locale.ROOT).indexOf("$env:windir") + "$env:windir".length(),
                            s.length() - 2).strip())));
            default -> throw new UnknownStatement(s);
        };
    }

    /** Named arguments, lower-cased names; values evaluated ($c.DiskNumber, 'C:', $target); a bare switch is "true". */
    private Map<String, String> arguments(String text) {
        Map<String, String> args = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String[] words = text.strip().isEmpty() ? new String[0] : text.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith("-") && words[i].length() > 1 && !words[i].matches("-\\d+")) {
                StringBuilder v = new StringBuilder();
                while (i + 1 < words.length && !words[i + 1].startsWith("-")) {
                    v.append(v.length() == 0 ? "" : " ").append(words[++i]);
                }
                String raw = v.toString();
                boolean expression = !raw.isEmpty() && "$('\"".indexOf(raw.charAt(0)) >= 0;
                String value = raw.isEmpty() ? "true" : raw.contains(",") ? raw.replace(" ", "")
                        : expression ? PsExpression.string(expr.eval(raw)) : raw;
                args.put(words[i - (raw.isEmpty() ? 0 : raw.split("\\s+").length)].substring(1).toLowerCase(Locale.ROOT), value);
            }
        }
        return args;
    }

    /** A statement outside what the simulated guest answers. */
    static final class UnknownStatement extends RuntimeException {
        UnknownStatement(String statement) {
            super(statement, null, false, false);
        }
    }
}
