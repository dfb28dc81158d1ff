package dev.trustlift.core.guest;

import dev.trustlift.core.cloud.ScriptResult;

/**
 * Reads mbr2gpt-convert.ps1's output: MBR2GPT /convert's own lines and its exit code. A success
 * that warned "Failed to update ReAgent.xml" is still a success; post-fixes resyncs WinRE.
 */
public final class Mbr2GptConvertOutput {
    static final String SECTION = "MBR2GPT.exe /convert";

    private Mbr2GptConvertOutput() {
    }

    public static Mbr2GptRun parse(ScriptResult result) {
        return Mbr2GptRun.parse(result, SECTION);
    }
}
