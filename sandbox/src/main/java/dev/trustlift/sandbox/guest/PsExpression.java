package dev.trustlift.sandbox.guest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The few PowerShell expressions trustlift's scripts use, evaluated on the simulated guest:
 * literals ('text', "text with $var", 12, 1MB), variables and their properties ($c.Size,
 * $bytes.Length, $env:windir, $LASTEXITCODE), casts ([long]$x), - + *, the comparison operators
 * -eq -ne -lt -le -gt -ge -match -like, -not, @(...).Count, and a parenthesised command with a property
 * ((Get-PartitionSupportedSize -DriveLetter C).SizeMin). Commands go to {@code command}. An
 * expression outside this set is an error naming it, so nothing is answered wrongly.
 */
final class PsExpression {
    private static final String[] COMPARISONS = {" -eq ", " -ne ", " -lt ", " -le ", " -gt ", " -ge ", " -match ", " -like "};

    private final Map<String, Object> vars;
    private final Function<String, Object> command;

    PsExpression(Map<String, Object> vars, Function<String, Object> command) {
        this.vars = vars;
        this.command = command;
    }

    Object eval(String text) {
        String e = unwrap(text.strip());
        if (!e.isEmpty() && Character.isLetter(e.charAt(0)) && !e.matches("\\d.*")) {
            return command.apply(e); // a command or pipeline: its words are arguments, not operators
        }
        if (!occurrences(e, " | ").isEmpty()) {
            return command.apply(e); // a pipeline whose first stage is an expression
        }
        for (String op : new String[] {" -or ", " -and "}) {
            List<Integer> at = occurrences(e, op);
            if (!at.isEmpty()) {
                int i = at.get(0);
                boolean l = truthy(eval(e.substring(0, i)));
                return op.equals(" -or ") ? l || truthy(eval(e.substring(i + op.length())))
                        : l && truthy(eval(e.substring(i + op.length())));
            }
        }
        if (e.regionMatches(true, 0, "-not ", 0, 5)) {
            return !truthy(eval(e.substring(5)));
        }
        for (String op : COMPARISONS) {
            int at = topLevel(e, op);
            if (at > 0) {
                return compare(eval(e.substring(0, at)), op.strip(), eval(e.substring(at + op.length())));
            }
        }
        int minus = lastTopLevel(e, " - ");
        int plus = lastTopLevel(e, " + ");
        int at = Math.max(minus, plus);
        if (at > 0) {
            long l = number(eval(e.substring(0, at)));
            long r = number(eval(e.substring(at + 3)));
            return at == minus ? l - r : l + r;
        }
        int times = lastTopLevel(e, " * ");
        if (times > 0) {
            return number(eval(e.substring(0, times))) * number(eval(e.substring(times + 3)));
        }
        return term(e);
    }

    private Object term(String e) {
        String lower = e.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[long]") || lower.startsWith("[int]")) {
            return number(eval(e.substring(e.indexOf(']') + 1)));
        }
        if (e.matches("\\d+(KB|MB|GB|kb|mb|gb)?")) {
            String digits = e.replaceAll("\\D", "");
            long unit = lower.endsWith("kb") ? 1024 : lower.endsWith("mb") ? 1024 * 1024 : lower.endsWith("gb") ? 1L << 30 : 1;
            return Long.parseLong(digits) * unit;
        }
        if (e.length() >= 2 && e.startsWith("'") && e.endsWith("'")) {
            return e.substring(1, e.length() - 1);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            return expand(e.substring(1, e.length() - 1));
        }
        if (lower.equals("$true") || lower.equals("$false")) {
            return lower.equals("$true");
        }
        if (lower.equals("$null")) {
            return null;
        }
        java.util.regex.Matcher trim = java.util.regex.Pattern.compile("^(\\$\\w+)\\.Trim\\('([^']*)'\\)$").matcher(e);
        if (trim.matches()) {
            String chars = trim.group(2);
            String v = string(eval(trim.group(1)));
            int from = 0;
            int to = v.length();
            while (from < to && chars.indexOf(v.charAt(from)) >= 0) {
                from++;
            }
            while (to > from && chars.indexOf(v.charAt(to - 1)) >= 0) {
                to--;
            }
            return v.substring(from, to);
        }
        if (lower.startsWith("[regex]::escape(") && e.endsWith(")")) {
            return string(eval(e.substring("[regex]::Escape(".length(), e.length() - 1)))
                    .replaceAll("([\\\\.\\[\\]{}()*+?^$|#\\s])", "\\\\$1");
        }
        if (e.startsWith("$")) {
            String[] path = e.substring(1).split("\\.");
            Object v = variable(path[0]);
            for (int i = 1; i < path.length; i++) {
                v = property(v, path[i]);
            }
            return v;
        }
        if (e.startsWith("@(")) {
            // the array subexpression: always a list, so .Count counts zero or one result too
            int close = matching(e, 1);
            Object inner = eval(e.substring(2, close));
            Object v = inner instanceof List<?> l ? l : inner == null || inner == WindowsTools.NOTHING ? List.of() : List.of(inner);
            for (String p : e.substring(close + 1).split("\\.")) {
                if (!p.isEmpty()) {
                    v = property(v, p);
                }
            }
            return v;
        }
        if (e.startsWith("(")) {
            int close = matching(e, 0);
            Object v = eval(e.substring(1, close));
            for (String p : e.substring(close + 1).split("\\.")) {
                if (!p.isEmpty()) {
                    v = property(v, p);
                }
            }
            return v;
        }
        return command.apply(e);
    }

    Object variable(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("env:")) {
            return vars.get(n);
        }
        if (!vars.containsKey(n)) {
            return null;
        }
        return vars.get(n);
    }

    /** "text with $var and $($x.Prop)" — only plain $name references are expanded. */
    String expand(String text) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*(?::[A-Za-z_]+)?)").matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(string(variable(m.group(1))));
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    static Object property(Object v, String name) {
        if (v instanceof byte[] b && name.equalsIgnoreCase("Length")) {
            return (long) b.length;
        }
        if (v instanceof List<?> l && name.equalsIgnoreCase("Count")) {
            return (long) l.size();
        }
        if (v instanceof JsonNode n) {
            var it = n.fields();
            while (it.hasNext()) {
                var f = it.next();
                if (f.getKey().equalsIgnoreCase(name)) {
                    JsonNode x = f.getValue();
                    return x.isNumber() ? (Object) x.asLong() : x.isBoolean() ? (Object) x.asBoolean() : x.isTextual() ? x.asText()
                            : x.isNull() ? null : x;
                }
            }
            return null;
        }
        if (v == null) {
            return null;
        }
        throw new PsError("trustlift sandbox: the property " + name + " of " + v.getClass().getSimpleName() + " is not emulated");
    }

    static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return !(v instanceof List<?> l) || !l.isEmpty();
    }

    static String string(Object v) {
        return v == null ? "" : v instanceof Boolean b ? (b ? "True" : "False") : v.toString();
    }

    private static Object compare(Object l, String op, Object r) {
        if (op.equals("-like")) {
            // PowerShell's wildcards: * any run, ? one character; case-insensitive
            StringBuilder re = new StringBuilder();
            for (char c : string(r).toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
            }
            return string(l).matches("(?is)" + re);
        }
        if (op.equals("-match")) {
            return java.util.regex.Pattern.compile(string(r), java.util.regex.Pattern.CASE_INSENSITIVE).matcher(string(l)).find();
        }
        int c;
        if (l instanceof Long || r instanceof Long) {
            c = Long.compare(number(l), number(r));
        } else {
            c = string(l).compareToIgnoreCase(string(r));
        }
        return switch (op) {
            case "-eq" -> c == 0;
            case "-ne" -> c != 0;
            case "-lt" -> c < 0;
            case "-le" -> c <= 0;
            case "-gt" -> c > 0;
            default -> c >= 0;
        };
    }

    static long number(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(string(v).strip());
        } catch (NumberFormatException e) {
            throw new PsError("Cannot convert value \"" + v + "\" to type \"System.Int64\".");
        }
    }

    private static String unwrap(String e) {
        while (e.startsWith("(") && matching(e, 0) == e.length() - 1) {
            e = e.substring(1, e.length() - 1).strip();
        }
        return e;
    }

    /** The index of the parenthesis closing the one at {@code open}. */
    static int matching(String e, int open) {
        int depth = 0;
        boolean quote = false;
        for (int i = open; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '\'') {
                quote = !quote;
            } else if (!quote && c == '(') {
                depth++;
            } else if (!quote && c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new PsError("Missing closing ')' in expression: " + e);
    }

    static int topLevel(String e, String token) {
        List<Integer> all = occurrences(e, token);
        return all.isEmpty() ? -1 : all.get(0);
    }

    private static int lastTopLevel(String e, String token) {
        List<Integer> all = occurrences(e, token);
        return all.isEmpty() ? -1 : all.get(all.size() - 1);
    }

    /** Where {@code token} occurs outside quotes, parentheses, brackets and braces. */
    static List<Integer> occurrences(String e, String token) {
        List<Integer> out = new ArrayList<>();
        int depth = 0;
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (!single && !dbl && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (!single && !dbl && (c == ')' || c == ']' || c == '}')) {
                depth--;
            } else if (depth == 0 && !single && !dbl && e.regionMatches(true, i, token, 0, token.length())) {
                out.add(i);
            }
        }
        return out;
    }
}
