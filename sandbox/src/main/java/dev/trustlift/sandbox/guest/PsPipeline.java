package dev.trustlift.sandbox.guest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The stages after a pipeline's first command on the simulated Windows guest: Select-Object,
 * Where-Object Prop -op value, Set-Service -StartupType Manual, ConvertTo-Json [-Compress], Out-Null,
 * Remove-CimInstance (page file settings), Set-Partition -NewDriveLetter (the temporary disk). Any
 * other stage is not emulated (the script ends 127, naming it).
 */
final class PsPipeline {
    private PsPipeline() {
    }

    static Object rest(Object value, String[] stages, PsExpression expr, WindowsCmdlets cmdlets) {
        boolean json = false;
        boolean compress = false;
        for (int i = 1; i < stages.length; i++) {
            String[] words = stages[i].strip().split("\\s+", 2);
            String name = words[0].toLowerCase(Locale.ROOT);
            List<ObjectNode> objects = objects(value);
            switch (name) {
                case "out-string" -> value = PsExpression.string(value);
                case "select-object" -> value = CommandEmulator.select(objects, words[1].split("\\s*,\\s*"));
                case "convertto-json" -> {
                    json = true;
                    compress = words.length == 2 && words[1].toLowerCase(Locale.ROOT).contains("-compress");
                }
                case "where-object" -> {
                    String[] w = words[1].split("\\s+", 3);
                    Object want = expr.eval(w[2]);
                    value = objects.stream().filter(o -> PsExpression.truthy(PsExpression.property(o, w[0]) == null ? null
                            : expr.eval("'" + enumName(w[0], PsExpression.property(o, w[0])) + "' " + w[1] + " '"
                            + PsExpression.string(want) + "'"))).toList();
                }
                case "out-null" -> value = WindowsTools.NOTHING;
                case "remove-ciminstance" -> {
                    cmdlets.letters().removePageFiles(objects);
                    value = WindowsTools.NOTHING;
                }
                case "set-partition" -> {
                    if (words.length < 2 || !DriveLetters.setPartitionLetter(objects, words[1], cmdlets.letters())) {
                        throw new WindowsScriptRun.UnknownStatement(stages[i]);
                    }
                    value = WindowsTools.NOTHING;
                }
                case "set-service" -> {
                    if (!words[1].matches("(?i)-StartupType Manual")) {
                        throw new WindowsScriptRun.UnknownStatement(stages[i]);
                    }
                    cmdlets.setManual(objects);
                    value = WindowsTools.NOTHING;
                }
                default -> throw new WindowsScriptRun.UnknownStatement(stages[i]);
            }
        }
        if (json) {
            List<ObjectNode> objects = objects(value);
            if (objects.isEmpty()) {
                return WindowsTools.NOTHING;
            }
            return String.join("\n", CommandEmulator.toJson(objects, compress));
        }
        return value;
    }

    /** PowerShell compares an enum with a string by the enum's name: a service's StartType 4 is 'Disabled'. */
    private static String enumName(String property, Object value) {
        List<String> startTypes = List.of("Boot", "System", "Automatic", "Manual", "Disabled");
        if (property.equalsIgnoreCase("StartType") && value instanceof Long l && l >= 0 && l < startTypes.size()) {
            return startTypes.get(l.intValue());
        }
        return PsExpression.string(value);
    }

    private static List<ObjectNode> objects(Object value) {
        if (value instanceof ObjectNode o) {
            return List.of(o);
        }
        if (value instanceof List<?> l) {
            return l.stream().map(ObjectNode.class::cast).toList();
        }
        return List.of();
    }

}
