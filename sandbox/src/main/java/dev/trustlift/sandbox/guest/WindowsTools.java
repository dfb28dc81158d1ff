package dev.trustlift.sandbox.guest;

import java.util.List;

/** MBR2GPT.EXE and the files in %windir% on the simulated Windows guest, for {@link WindowsScriptRun}. */
final class WindowsTools {
    /** What a command that prints nothing returns. */
    static final Object NOTHING = new Object();

    private final GuestContext ctx;
    private final List<String> out;

    WindowsTools(GuestContext ctx, List<String> out) {
        this.ctx = ctx;
        this.out = out;
    }

    /** One MBR2GPT.EXE run on the current disk: its lines go to stdout, its exit code to $LASTEXITCODE. */
    ScriptResult mbr2gpt(MbrCall call, DiskLayout disk) {
        if (call.invalid() != null) {
            List<String> lines = List.of("MBR2GPT: Invalid command line: " + call.invalid());
            out.addAll(lines);
            return ScriptResult.of(lines, 4);
        }
        String fault = ctx.guestFault().apply(call.convert() ? "mbr2gpt-convert" : "mbr2gpt-validate");
        ScriptResult r = Mbr2GptSimulator.run(call.convert(), call.allowFullOs(), call.disk() == null ? 0 : call.disk(), disk,
                ctx.guest(), fault);
        out.addAll(r.stdout());
        return r;
    }

    /** [System.IO.File]::ReadAllBytes of a file in %windir%: MBR2GPT's logs exist once it has run. */
    byte[] readWindowsFile(String name) {
        byte[] bytes = ctx.guest().log(name);
        if (bytes == null) {
            throw new PsError("Exception calling \"ReadAllBytes\" with \"1\" argument(s): \"Could not find file 'C:\\Windows\\"
                    + name + "'.\"");
        }
        return bytes;
    }
}
