package dev.trustlift.sandbox.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recognizes the scripts trustlift sends through Run Command and answers them from the
 * simulated guest. Scripts start with a marker line {@code # trustlift:<name>}; Windows scripts
 * that call MBR2GPT are recognized by the call itself, so a hand-written script works too.
 */
public final class GuestSimulator {
    public static final String MARKER = "# trustlift:";

    private GuestSimulator() {
    }

    public static ScriptResult run(String commandId, List<String> script, GuestContext ctx) {
        String text = String.join("\n", script);
        String lower = text.toLowerCase(Locale.ROOT);
        String marker = marker(script);
        boolean shell = "RunShellScript".equalsIgnoreCase(commandId);
        if (ctx.windows() && shell || !ctx.windows() && !shell) {
            return new ScriptResult(List.of(), List.of("trustlift sandbox: " + commandId + " does not run on a "
                    + (ctx.windows() ? "Windows" : "Linux") + " VM"), 1, null);
        }
        if (ctx.windows() && lower.contains("mbr2gpt") && ctx.osName() != null && ctx.osName().contains("2016")) {
            // Windows Server 2016 ships without MBR2GPT.EXE: PowerShell reports an unknown command.
            return new ScriptResult(List.of(), List.of("MBR2GPT : The term 'MBR2GPT' is not recognized as the name of a "
                    + "cmdlet, function, script file, or operable program."), 1, null);
        }
        if (ctx.windows() && lower.contains("mbr2gpt")) {
            boolean convert = lower.contains("/convert");
            if (!convert && !lower.contains("/validate")) {
                return ScriptResult.of(List.of("MBR2GPT: Invalid command line: /validate or /convert is required"), 4);
            }
            String fault = ctx.guestFault().apply(convert ? "mbr2gpt-convert" : "mbr2gpt-validate");
            return Mbr2GptSimulator.run(convert, lower.contains("/allowfullos"), ctx.disk(), ctx.guest(), fault);
        }
        if (ctx.windows() && lower.contains("defrag") && lower.contains("/u")) {
            ctx.guest().defragment();
            return ScriptResult.of(List.of("Invoking defragmentation on (C:)...", "The operation completed successfully."), 0);
        }
        if (ctx.windows() && lower.contains("reagentc")) {
            return ScriptResult.of(List.of("REAGENTC.EXE: Operation Successful."), 0);
        }
        if ("windows-verify".equals(marker) || "linux-verify".equals(marker)) {
            return verify(ctx);
        }
        if ("windows-probe".equals(marker) && ctx.windows()) {
            return windowsProbe(ctx);
        }
        if ("linux-probe".equals(marker) && !ctx.windows()) {
            return LinuxGuest.probe(ctx.disk(), ctx.guest(), ctx.uefi(), ctx.secureBoot());
        }
        if ("linux-convert".equals(marker) && !ctx.windows()) {
            return LinuxGuest.convert(ctx.disk(), ctx.guestFault().apply("linux-convert"));
        }
        String first = script.isEmpty() ? "" : script.get(0);
        return new ScriptResult(List.of(), List.of("trustlift sandbox: script not recognized (first line: '" + first
                + "'); see docs/sandbox.md for the scripts the simulated guest answers"), 127, null);
    }

    /** The script's name from its leading comment lines (a shebang or other comments may come first). */
    static String marker(List<String> script) {
        for (String line : script) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith(MARKER)) {
                return t.substring(MARKER.length()).strip();
            }
            if (!t.startsWith("#")) {
                return null;
            }
        }
        return null;
    }

    /** What verify-guest asks after the upgrade: the firmware the guest booted with, Secure Boot, the TPM, the disk. */
    private static ScriptResult verify(GuestContext ctx) {
        DiskLayout d = ctx.disk();
        return ScriptResult.of(List.of(
                "firmware=" + (ctx.uefi() ? "uefi" : "bios"),
                "secure_boot=" + (ctx.uefi() && ctx.secureBoot() ? "enabled" : "disabled"),
                "tpm=" + (ctx.uefi() && ctx.vTpm() ? "present" : "absent"),
                "pttype=" + (d.scheme() == DiskLayout.Scheme.GPT ? "gpt" : ctx.windows() ? "mbr" : "dos"),
                "esp=" + (d.hasType("EF00") ? "present" : "absent")), 0);
    }

    private static ScriptResult windowsProbe(GuestContext ctx) {
        DiskLayout d = ctx.disk();
        List<String> out = new ArrayList<>();
        out.add("os=" + ctx.osName());
        out.add("version=" + ctx.osVersion());
        out.add("firmware=" + (ctx.uefi() ? "uefi" : "bios"));
        out.add("secure_boot=" + (ctx.uefi() && ctx.secureBoot() ? "enabled" : "disabled"));
        out.add("pttype=" + (d.scheme() == DiskLayout.Scheme.GPT ? "gpt" : "mbr"));
        out.add("sector_size=" + d.sectorSize());
        out.add("disk_sectors=" + d.sectors());
        for (DiskLayout.Part p : d.parts()) {
            List<String> flags = new ArrayList<>();
            if (p.active()) {
                flags.add("active");
            }
            if (p.logical()) {
                flags.add("logical");
            }
            out.add("partition=" + p.number() + "," + p.start() + "," + p.sectors() + "," + p.type().toLowerCase(Locale.ROOT)
                    + "," + (flags.isEmpty() ? "-" : String.join("+", flags)));
        }
        DiskLayout.Part os = d.osPartition();
        if (os != null) {
            out.add("os_partition=" + os.number());
        }
        out.add("bitlocker=" + ctx.guest().bitlocker());
        out.add("c_free_mb=" + ctx.guest().freeSpaceMb());
        out.add("c_shrinkable_mb=" + ctx.guest().shrinkableMb());
        out.add("unallocated_tail_mb=" + d.freeTailSectors() * d.sectorSize() / (1024 * 1024));
        out.add("winre=enabled");
        return ScriptResult.of(out, 0);
    }
}
