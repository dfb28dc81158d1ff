package dev.trustlift.sandbox.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.sandbox.fleet.GuestSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Linux conversion script and the boot decision. */
class LinuxGuestTest {
    private static GuestContext ctx(DiskLayout d, boolean uefi) {
        return new GuestContext(false, "ubuntu", "20.04", uefi, uefi, uefi, d,
                new GuestState(new GuestSpec(null, null, 12000, null, true)), step -> null);
    }

    @Test
    void theMarkerMayFollowAShebang() {
        ScriptResult r = GuestSimulator.run("RunShellScript", List.of("#!/bin/sh", "# trustlift:linux-convert"),
                ctx(LayoutPresets.build("linux-azure-gpt", 30), true));
        assertEquals(0, r.exitCode(), r.stderrText());
        assertTrue(r.stdoutText().contains("result=already-converted"));
        assertEquals(null, GuestSimulator.marker(List.of("echo hi", "# trustlift:linux-convert")));
    }

    @Test
    void endorsedGptImagesNeedNoConversion() {
        ScriptResult r = GuestSimulator.run("RunShellScript", List.of("# trustlift:linux-convert"),
                ctx(LayoutPresets.build("linux-azure-gpt", 30), false));
        assertEquals(0, r.exitCode());
        assertTrue(r.stdoutText().contains("result=already-converted"));
    }

    @Test
    void rootToTheEndNeedsAGrowAndThenConverts() {
        DiskLayout mbr = LayoutPresets.build("linux-mbr-custom", 30);
        ScriptResult refused = GuestSimulator.run("RunShellScript", List.of("# trustlift:linux-convert"), ctx(mbr, false));
        assertEquals(3, refused.exitCode());
        assertTrue(refused.stderrText().contains("grow"), refused.stderrText());
        DiskLayout grown = mbr.withSectors(31L * 1024 * 2048);
        ScriptResult ok = GuestSimulator.run("RunShellScript", List.of("# trustlift:linux-convert"), ctx(grown, false));
        assertEquals(0, ok.exitCode(), ok.stderrText());
        DiskLayout gpt = ok.newLayout();
        assertEquals(DiskLayout.Scheme.GPT, gpt.scheme());
        assertTrue(gpt.hasType("EF00") && gpt.hasType("EF02") && gpt.hasType("8300"), gpt.toString());
        assertTrue(BootJudge.judge(false, false, gpt, null).booted(), "GRUB on the BIOS boot partition");
        assertTrue(BootJudge.judge(true, false, gpt, null).booted(), "shim/GRUB on the ESP");
    }

    @Test
    void bootDecisionFollowsFirmwareAndDisk() {
        DiskLayout winMbr = LayoutPresets.build("windows-azure-default", 127);
        DiskLayout winGpt = LayoutPresets.build("windows-azure-gpt", 127);
        assertTrue(BootJudge.judge(false, true, winMbr, null).booted());
        assertEquals(false, BootJudge.judge(true, true, winMbr, null).booted(), "UEFI finds no ESP on an MBR disk");
        BootJudge.BootOutcome gen1Gpt = BootJudge.judge(false, true, winGpt, null);
        assertEquals(false, gen1Gpt.booted(), "a Windows GPT disk does not boot as Gen1");
        assertTrue(gen1Gpt.message().contains("boot failure"));
        assertTrue(BootJudge.judge(true, true, winGpt, null).booted());
        assertEquals(false, BootJudge.judge(true, true, winGpt, "kernel panic").booted());
    }

    @Test
    void unknownScriptsAreSaidSoOnStderr() {
        ScriptResult r = GuestSimulator.run("RunShellScript", List.of("echo hi"), ctx(LayoutPresets.build("linux-azure-gpt", 30),
                false));
        assertEquals(127, r.exitCode());
        assertTrue(r.stderrText().contains("not recognized"));
    }
}
