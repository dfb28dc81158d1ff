package dev.trustlift.core.guest;

import dev.trustlift.core.cloud.ScriptResult;
import java.util.List;
import java.util.Optional;

/**
 * What one MBR2GPT run said: its exit code (mapped to {@link Mbr2GptExit}), the tool's own lines
 * and the known messages among them. {@code ran} is false when the script stopped before calling
 * the tool (the disk number did not name the boot disk, Get-Disk failed); {@code notRunReason} says why.
 */
public record Mbr2GptRun(boolean ran, Integer exitCode, List<String> toolOutput, List<Mbr2GptMessage> messages,
                         String notRunReason) {

    public Mbr2GptRun {
        toolOutput = List.copyOf(toolOutput);
        messages = List.copyOf(messages);
    }

    public Optional<Mbr2GptExit> exit() {
        return exitCode == null ? Optional.empty() : Mbr2GptExit.of(exitCode);
    }

    public boolean succeeded() {
        return ran && exitCode != null && exitCode == 0;
    }

    public boolean said(Mbr2GptMessage message) {
        return messages.contains(message);
    }

    /** One line for a journal or a report: the code, its meaning, the messages. */
    public String summary() {
        if (!ran) {
            return "MBR2GPT was not run: " + notRunReason;
        }
        String meaning = exit().map(Mbr2GptExit::meaning).orElse("an exit code MBR2GPT does not document");
        return "MBR2GPT exit code " + exitCode + " (" + meaning + ")" + (messages.isEmpty() ? "" : ": " + messages.stream()
                .map(Mbr2GptMessage::text).toList());
    }

    /** Reads a run of mbr2gpt-validate.ps1 or mbr2gpt-convert.ps1 whose tool section is {@code section}. */
    static Mbr2GptRun parse(ScriptResult result, String section) {
        ScriptSections s = ScriptSections.of(result.stdout());
        if (!s.has(section)) {
            String why = result.stderr().isBlank() ? "the script printed no '" + section + "' section" : result.stderr().strip();
            return new Mbr2GptRun(false, null, List.of(), List.of(), why);
        }
        List<String> lines = s.lines(section);
        Integer code = null;
        List<String> exitLines = s.lines(Mbr2GptValidateOutput.EXIT_CODE);
        if (!exitLines.isEmpty()) {
            try {
                code = Integer.parseInt(exitLines.get(0));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("MBR2GPT's exit code is not a number: '" + exitLines.get(0) + "'");
            }
        } else if (result.exitCode() != ScriptResult.UNKNOWN_EXIT) {
            code = result.exitCode();
        }
        return new Mbr2GptRun(true, code, lines, Mbr2GptMessage.findIn(String.join("\n", lines) + "\n" + result.stderr()),
                null);
    }
}
