package dev.trustlift.sandbox.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.sandbox.fleet.GuestSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MBR2GPT's answers on each preset, with the tool's own lines and exit codes (facts/disk-conversion.md 1). */
class Mbr2GptSimulatorTest {
    private static final String VALIDATE_OK = "MBR2GPT: Validation completed successfully";
    private static final String LAYOUT_FAILED = "Disk layout validation failed for disk 0";
    private static final String NO_ROOM = "Cannot find room for the EFI system partition";

    private static GuestState guest(String bitlocker, int freeMb, Integer unmovableMb) {
        return new GuestState(new GuestSpec(null, bitlocker, freeMb, unmovableMb, null));
    }

    private static ScriptResult validate(String preset, GuestState g) {
        return Mbr2GptSimulator.run(false, true, LayoutPresets.build(preset, 127), g, null);
    }

    private static ScriptResult convert(String preset, GuestState g) {
        return Mbr2GptSimulator.run(true, true, LayoutPresets.build(preset, 127), g, null);
    }

    @Test
    void azureDefaultValidatesAndConvertsByShrinkingC() {
        ScriptResult v = validate("windows-azure-default", guest("off", 20000, null));
        assertEquals(List.of("MBR2GPT: Attempting to validate disk 0", "MBR2GPT: Retrieving layout of disk",
                "MBR2GPT: Validating layout, disk sector size is: 512 bytes", VALIDATE_OK), v.stdout());
        assertEquals(0, v.exitCode());
        assertNull(v.newLayout());

        GuestState g = guest("off", 20000, null);
        ScriptResult c = convert("windows-azure-default", g);
        assertEquals(0, c.exitCode(), c.stdout().toString());
        assertEquals("MBR2GPT: Attempting to convert disk 0", c.stdout().get(0));
        assertTrue(c.stdout().containsAll(List.of("MBR2GPT: Trying to shrink the OS partition",
                "MBR2GPT: Creating the EFI system partition", "MBR2GPT: Installing the new boot files",
                "MBR2GPT: Performing the layout conversion", "MBR2GPT: Migrating default boot entry",
                "MBR2GPT: Adding recovery boot entry", "MBR2GPT: Fixing drive letter mapping",
                "MBR2GPT: Conversion completed successfully")), c.stdout().toString());
        DiskLayout after = c.newLayout();
        assertNotNull(after);
        assertEquals(DiskLayout.Scheme.GPT, after.scheme());
        DiskLayout.Part esp = after.parts().stream().filter(p -> p.type().equals("EF00")).findFirst().orElseThrow();
        assertEquals(100, esp.sizeMb(512));
        assertEquals(3, esp.number(), "the ESP takes the next partition number");
        assertTrue(after.efiBootLoader() && !after.biosBootCode());
        assertTrue(g.freeSpaceMb() < 20000, "C: gave up space for the ESP");
    }

    @Test
    void fourPrimariesAndExtendedFailLayoutValidationWithExit7() {
        for (String preset : new String[] {"windows-4-partitions", "windows-extended"}) {
            ScriptResult v = validate(preset, guest("off", 20000, null));
            assertEquals(7, v.exitCode(), preset);
            assertEquals(LAYOUT_FAILED, v.stdout().get(v.stdout().size() - 1), preset);
            assertEquals(7, convert(preset, guest("off", 20000, null)).exitCode(), preset);
        }
    }

    @Test
    void noRoomFailsValidateWithExit7AndConvertWithExit8() {
        ScriptResult v = validate("windows-azure-default", guest("off", 80, null));
        assertEquals(7, v.exitCode());
        assertEquals(NO_ROOM, v.stdout().get(v.stdout().size() - 1));
        ScriptResult c = convert("windows-azure-default", guest("off", 80, null));
        assertEquals(8, c.exitCode());
        assertEquals(NO_ROOM, c.stdout().get(c.stdout().size() - 1));
        assertNull(c.newLayout(), "a failed conversion leaves the disk as it was");
    }

    @Test
    void unmovableFilesBlockTheShrinkUntilDefragmented() {
        GuestState g = guest("off", 20000, 19990);
        assertEquals(8, convert("windows-azure-default", g).exitCode());
        GuestContext ctx = new GuestContext(true, "Windows Server 2019 Datacenter", "10.0.17763", false, false, false,
                LayoutPresets.build("windows-azure-default", 127), g, step -> null);
        ScriptResult defrag = GuestSimulator.run("RunPowerShellScript", List.of("Defrag C: /U /V"), ctx);
        assertEquals(0, defrag.exitCode());
        assertEquals(0, convert("windows-azure-default", g).exitCode());
    }

    @Test
    void freeSpaceAfterAGrownDiskIsUsedWithoutShrinking() {
        GuestState g = guest("off", 50, null);
        DiskLayout grown = LayoutPresets.build("windows-azure-default", 127).withSectors(128L * 1024 * 2048);
        ScriptResult c = Mbr2GptSimulator.run(true, true, grown, g, null);
        assertEquals(0, c.exitCode(), c.stdout().toString());
        assertEquals(50, g.freeSpaceMb());
    }

    @Test
    void bitlockerOnIsExit6AndSuspendedIsFine() {
        assertEquals(6, validate("windows-azure-default", guest("on", 20000, null)).exitCode());
        assertEquals(0, validate("windows-azure-default", guest("suspended", 20000, null)).exitCode());
    }

    @Test
    void fullOsWithoutAllowFullOsIsRefused() {
        ScriptResult r = Mbr2GptSimulator.run(false, false, LayoutPresets.build("windows-azure-default", 127),
                guest("off", 20000, null), null);
        assertEquals(3, r.exitCode());
        assertTrue(r.stdout().get(1).contains("/allowFullOS"));
    }

    @Test
    void aGptDiskIsNotConverted() {
        assertEquals(7, validate("windows-azure-gpt", guest("off", 20000, null)).exitCode());
    }

    @Test
    void explicitLayoutsGoThroughTheSameRules() {
        DiskLayout fourPrimaries = new LayoutResolver(null).resolve(dev.trustlift.sandbox.fleet.LayoutSpec.parse(
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(java.util.Map.of("sectors", 20971520,
                        "partitions", List.of(
                                java.util.Map.of("type", "07", "start", 2048, "sectors", 1024000, "active", true),
                                java.util.Map.of("type", "07", "start", 1026048, "sectors", 10000000),
                                java.util.Map.of("type", "07", "start", 11026048, "sectors", 4000000),
                                java.util.Map.of("type", "27", "start", 15026048, "sectors", 4000000)))), "t", "layout"),
                "Windows", "V1", 10, "layout");
        ScriptResult r = Mbr2GptSimulator.run(false, true, fourPrimaries, guest("off", 20000, null), null);
        assertEquals(7, r.exitCode());
    }

    @Test
    void guestFaultsForceNamedResults() {
        DiskLayout d = LayoutPresets.build("windows-azure-default", 127);
        assertEquals(8, Mbr2GptSimulator.run(true, true, d, guest("off", 20000, null), "no-room").exitCode());
        assertEquals(9, Mbr2GptSimulator.run(true, true, d, guest("off", 20000, null), "boot-files").exitCode());
        ScriptResult warn = Mbr2GptSimulator.run(true, true, d, guest("off", 20000, null), "reagent-warning");
        assertEquals(0, warn.exitCode());
        assertTrue(warn.stdout().contains("MBR2GPT: Failed to update ReAgent.xml, please try to  manually disable and enable WinRE."));
    }

    @Test
    void aNoRoomFaultOnValidateSaysSoEvenWhereThereIsRoom() {
        DiskLayout d = LayoutPresets.build("windows-azure-default", 127);
        ScriptResult noRoom = Mbr2GptSimulator.run(false, true, d, guest("off", 20000, null), "no-room");
        assertEquals(7, noRoom.exitCode());
        assertTrue(String.join("\n", noRoom.stdout()).contains("Cannot find room for the EFI system partition"), noRoom.stdout().toString());
        assertEquals(0, Mbr2GptSimulator.run(false, true, d, guest("off", 20000, null), null).exitCode(),
                "without the fault there is room on this disk");
    }

    @Test
    void windowsServer2016HasNoMbr2Gpt() {
        GuestContext ctx = new GuestContext(true, "Windows Server 2016 Datacenter", "10.0.14393", false, false, false,
                LayoutPresets.build("windows-azure-default", 127), guest("off", 20000, null), step -> null);
        ScriptResult r = GuestSimulator.run("RunPowerShellScript", List.of("MBR2GPT /validate /allowFullOS"), ctx);
        assertEquals(1, r.exitCode());
        assertTrue(r.stderrText().contains("is not recognized"));
    }
}
