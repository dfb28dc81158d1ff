package dev.trustlift.core.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.ScriptResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MBR2GPT's own lines as Microsoft documents them (facts/disk-conversion.md section 1), through the scripts' sections. */
class Mbr2GptOutputTest {

    private static ScriptResult out(String section, List<String> tool, int code) {
        String text = "== " + section + " ==\n" + String.join("\n", tool) + "\n== $LASTEXITCODE ==\n" + code + "\n";
        return new ScriptResult(code, text, "");
    }

    @Test
    void aSuccessfulValidation() {
        Mbr2GptRun run = Mbr2GptValidateOutput.parse(out("MBR2GPT.exe /validate", List.of("MBR2GPT: Attempting to validate disk 0",
                "MBR2GPT: Retrieving layout of disk", "MBR2GPT: Validating layout, disk sector size is: 512 bytes",
                "MBR2GPT: Validation completed successfully"), 0));
        assertTrue(run.succeeded());
        assertEquals(Mbr2GptExit.SUCCESS, run.exit().orElseThrow());
        assertEquals(List.of(Mbr2GptMessage.VALIDATION_COMPLETED), run.messages());
        assertEquals(4, run.toolOutput().size());
    }

    @Test
    void noRoomForTheEspIsExitEightWithTheKnownMessage() {
        Mbr2GptRun run = Mbr2GptConvertOutput.parse(out("MBR2GPT.exe /convert", List.of("MBR2GPT: Attempting to convert disk 0",
                "MBR2GPT: Retrieving layout of disk", "MBR2GPT: Validating layout, disk sector size is: 512 bytes",
                "MBR2GPT: Trying to shrink the OS partition", "MBR2GPT: Cannot find room for the EFI system partition"), 8));
        assertFalse(run.succeeded());
        assertEquals(Mbr2GptExit.ESP_FAILED, run.exit().orElseThrow());
        assertTrue(run.said(Mbr2GptMessage.NO_ROOM_FOR_ESP));
        assertTrue(run.exit().orElseThrow().diskMayHaveChanged());
        assertEquals("MBR2GPT exit code 8 (error creating the EFI system partition): [Cannot find room for the EFI system "
                + "partition]", run.summary());
    }

    @Test
    void aSuccessThatWarnedAboutReAgentXml() {
        Mbr2GptRun run = Mbr2GptConvertOutput.parse(out("MBR2GPT.exe /convert", List.of("MBR2GPT: Attempting to convert disk 0",
                "MBR2GPT: Conversion completed successfully",
                "MBR2GPT: Failed to update ReAgent.xml, please try to  manually disable and enable WinRE.",
                "MBR2GPT: Before the new system can boot properly you need to switch the firmware to boot to UEFI mode!"), 0));
        assertTrue(run.succeeded());
        assertEquals(List.of(Mbr2GptMessage.REAGENT_XML_NOT_UPDATED, Mbr2GptMessage.CONVERSION_COMPLETED), run.messages());
    }

    @Test
    void layoutAndOsPartitionFailuresAreRecognised() {
        Mbr2GptRun layout = Mbr2GptValidateOutput.parse(out("MBR2GPT.exe /validate", List.of(
                "MBR2GPT: Attempting to validate disk 0", "Disk layout validation failed for disk 0"), 7));
        assertEquals(Mbr2GptExit.LAYOUT_INVALID, layout.exit().orElseThrow());
        assertTrue(layout.said(Mbr2GptMessage.LAYOUT_VALIDATION_FAILED));
        assertFalse(layout.exit().orElseThrow().diskMayHaveChanged());
        Mbr2GptRun os = Mbr2GptValidateOutput.parse(out("MBR2GPT.exe /validate", List.of(
                "Cannot find OS partition(s) for disk 0"), 7));
        assertEquals(List.of(Mbr2GptMessage.OS_PARTITION_NOT_FOUND), os.messages());
    }

    @Test
    void everyDocumentedCodeMapsAndOthersDoNot() {
        for (int code : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100}) {
            assertEquals(code, Mbr2GptExit.of(code).orElseThrow().code());
        }
        assertTrue(Mbr2GptExit.of(11).isEmpty());
        Mbr2GptRun odd = Mbr2GptValidateOutput.parse(out("MBR2GPT.exe /validate", List.of("?"), 42));
        assertEquals("MBR2GPT exit code 42 (an exit code MBR2GPT does not document)", odd.summary());
    }

    @Test
    void aScriptStoppedBeforeTheToolSaysWhy() {
        Mbr2GptRun run = Mbr2GptConvertOutput.parse(new ScriptResult(1, "", "Get-Disk says this disk does not hold the "
                + "running Windows (IsBoot is false); MBR2GPT was not run\n"));
        assertFalse(run.ran());
        assertFalse(run.succeeded());
        assertTrue(run.summary().contains("IsBoot is false"), run.summary());
    }

    @Test
    void withoutTheExitSectionTheScriptsExitCodeIsUsed() {
        Mbr2GptRun run = Mbr2GptValidateOutput.parse(new ScriptResult(6, "== MBR2GPT.exe /validate ==\nMBR2GPT: x\n", ""));
        assertEquals(Mbr2GptExit.VOLUME_ENCRYPTED, run.exit().orElseThrow());
    }
}
