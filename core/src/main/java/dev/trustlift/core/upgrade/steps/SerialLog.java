package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The serial console log (managed boot diagnostics) of a VM whose guest did not come up: Azure shows
 * no error for a guest that does not boot, so the log is the only evidence and is kept in the
 * journal as an artifact the report names.
 *
 * @param artifact the artifact's name, null when the log could not be read
 * @param lastLine the log's last line with any text in it (firmware and boot loaders end with their error)
 * @param readError why the log could not be read (boot diagnostics off, no access), else null
 */
record SerialLog(String artifact, String lastLine, String readError) {
    static final String ARTIFACT = "serial-console.log";
    private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[()][A-Za-z0-9]");
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cntrl}&&[^\t]]");
    private static final int MAX_LINE = 200;

    static SerialLog capture(Cloud cloud, VmUpgrade vm) {
        String text;
        try {
            text = cloud.readSerialConsoleLog(vm.ref());
        } catch (CloudException e) {
            return new SerialLog(null, null, e.getMessage());
        }
        vm.saveArtifact(ARTIFACT, text.getBytes(StandardCharsets.UTF_8));
        return new SerialLog(ARTIFACT, lastMeaningfulLine(text), null);
    }

    static String lastMeaningfulLine(String log) {
        List<String> lines = log.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = CONTROLS.matcher(ESCAPES.matcher(lines.get(i)).replaceAll("")).replaceAll("").strip();
            if (line.chars().anyMatch(Character::isLetterOrDigit)) {
                return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE) + "...";
            }
        }
        return null;
    }

    /** What a failure message says about the log. */
    String describe() {
        if (artifact == null) {
            return "the serial console log could not be read (" + readError + ")";
        }
        return "serial console log saved as " + artifact + (lastLine == null ? " (empty)" : ", its last line: '" + lastLine + "'");
    }

    void into(ObjectNode detail) {
        ObjectNode n = detail.putObject("serialLog");
        if (artifact != null) {
            n.put("artifact", artifact);
            n.put("lastLine", lastLine);
        } else {
            n.put("readError", readError);
        }
    }
}
