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

    /** The BCD identifier of WinRE's entry on every simulated guest (a fixed GUID). */
    static final String WINRE_BCD_ID = "8a0fc2b1-1c4e-11ee-9d3b-000d3a5c1e2f";
    private static final String REAGENTC_OK = "REAGENTC.EXE: Operation Successful.";

    /**
     * reagentc /info, /disable, /enable: /info prints the configuration block as Windows 10 and
     * Server 2019+ print it (status, location, BCD identifier); the location path is a guess.
     */
    String reagentc(String verb) {
        GuestState g = ctx.guest();
        switch (verb.toLowerCase(java.util.Locale.ROOT)) {
            case "/info" -> {
                boolean on = g.winreEnabled();
                return String.join("\n", "", "Windows Recovery Environment (Windows RE) and system reset configuration",
                        "Information:", "", "    Windows RE status:         " + (on ? "Enabled" : "Disabled"),
                        "    Windows RE location:       " + (on ? "\\\\?\\GLOBALROOT\\device\\harddisk0\\partition1\\Recovery\\WindowsRE" : ""),
                        "    Boot Configuration Data (BCD) identifier: " + (on ? WINRE_BCD_ID : "00000000-0000-0000-0000-000000000000"),
                        "    Recovery image location:", "    Recovery image index:      0", "    Custom image location:",
                        "    Custom image index:        0", "", REAGENTC_OK, "");
            }
            case "/disable" -> g.setWinre(false);
            case "/enable" -> g.setWinre(true);
            default -> {
                return "REAGENTC.EXE: The parameter is incorrect.";
            }
        }
        return REAGENTC_OK;
    }

    /** [xml](Get-Content -Raw ReAgent.xml): the WinreBCD id, stale (a zero GUID, a guess) after MBR2GPT's warning. */
    com.fasterxml.jackson.databind.node.ObjectNode reAgentXml() {
        com.fasterxml.jackson.databind.node.ObjectNode root = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        root.putObject("WindowsRE").putObject("WinreBCD").put("id", "{" + (ctx.guest().reAgentXmlInSync() ? WINRE_BCD_ID
                : "00000000-0000-0000-0000-000000000000") + "}");
        return root;
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
