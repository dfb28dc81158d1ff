package dev.trustlift.core.guest;

import dev.trustlift.core.cloud.ScriptResult;

/** Reads mbr2gpt-validate.ps1's output: MBR2GPT /validate's own lines and its exit code. */
public final class Mbr2GptValidateOutput {
    static final String SECTION = "MBR2GPT.exe /validate";
    static final String EXIT_CODE = "$LASTEXITCODE";

    private Mbr2GptValidateOutput() {
    }

    public static Mbr2GptRun parse(ScriptResult result) {
        return Mbr2GptRun.parse(result, SECTION);
    }
}
