package dev.trustlift.azure;

import com.azure.resourcemanager.compute.fluent.models.RunCommandResultInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import dev.trustlift.core.cloud.ScriptResult;
import java.util.Locale;

/**
 * Reads a Run Command result. Windows answers with two statuses (ComponentStatus/StdOut/...,
 * ComponentStatus/StdErr/...); Linux with one status whose message holds "[stdout]" and
 * "[stderr]" sections. Both end up as stdout/stderr and the exit marker decides the code.
 */
final class RunCommandOutput {

    private static final String STDOUT_SECTION = "[stdout]";
    private static final String STDERR_SECTION = "[stderr]";

    private RunCommandOutput() {
    }

    static ScriptResult parse(RunCommandResultInner result) {
        String stdout = null;
        String stderr = null;
        String combined = null;
        if (result != null && result.value() != null) {
            for (InstanceViewStatus status : result.value()) {
                String code = status.code() == null ? "" : status.code().toLowerCase(Locale.ROOT);
                if (code.contains("/stdout/")) {
                    stdout = status.message();
                } else if (code.contains("/stderr/")) {
                    stderr = status.message();
                } else if (combined == null && status.message() != null) {
                    combined = status.message();
                }
            }
        }
        if (stdout == null && stderr == null && combined != null) {
            return splitSections(combined);
        }
        return ScriptResult.fromRawOutput(stdout, stderr);
    }

    /** "Enable succeeded: \n[stdout]\n...\n[stderr]\n..." as the Linux extension reports it. */
    static ScriptResult splitSections(String message) {
        int out = message.indexOf(STDOUT_SECTION);
        int err = message.indexOf(STDERR_SECTION);
        if (out < 0 && err < 0) {
            return ScriptResult.fromRawOutput(message, "");
        }
        String stdout = out < 0 ? "" : message.substring(out + STDOUT_SECTION.length(), err > out ? err : message.length());
        String stderr = err < 0 ? "" : message.substring(err + STDERR_SECTION.length());
        return ScriptResult.fromRawOutput(trimSectionBreaks(stdout), trimSectionBreaks(stderr));
    }

    private static String trimSectionBreaks(String section) {
        String s = section.startsWith("\n") ? section.substring(1) : section;
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
