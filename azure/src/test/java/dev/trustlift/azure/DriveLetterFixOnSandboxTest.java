package dev.trustlift.azure;

import static dev.trustlift.azure.OperationsOnSandboxTest.untilDone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.guest.DriveLetterOutput;
import dev.trustlift.core.guest.DriveLetterOutput.Phase;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.Mbr2GptConvertOutput;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The post-fix for "System Reserved took D:" (guest.systemReservedTakesD): core's real
 * drive-letter-fix.ps1 through the real adapter, one phase per run with an ARM restart between,
 * after a real MBR2GPT conversion and Trusted Launch. The letters are read back from the sandbox.
 */
class DriveLetterFixOnSandboxTest {
    static final String SUB = "77777777-7777-7777-7777-777777777777";
    static final VmRef TAKEN = new VmRef(SUB, "rg-app", "dtaken01");
    static final VmRef PLAIN = new VmRef(SUB, "rg-app", "plain01");
    static final String FLEET = "{\"timeScale\": 0.005, \"subscriptions\": [{\"id\": \"" + SUB + "\", \"throttle\": \"none\"}],"
            + " \"vms\": [" + vm("dtaken01", ", \"guest\": {\"systemReservedTakesD\": true}") + "," + vm("plain01", "") + "]}";

    private SandboxServer sandbox;
    private AzureCloudAdapter cloud;
    private SandboxHttp arm;

    private static String vm(String name, String extra) {
        return "{\"subscription\": \"" + SUB + "\", \"resourceGroup\": \"rg-app\", \"name\": \"" + name + "\","
                + " \"location\": \"eastus\", \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\","
                + " \"osName\": \"Windows Server 2022 Datacenter\", \"osVersion\": \"10.0.20348.2527\","
                + " \"powerState\": \"running\"" + extra + "}";
    }

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(Fleet.parse(FLEET, "inline"), 0);
        cloud = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false).withPollInterval(Duration.ofMillis(20))));
        arm = new SandboxHttp(sandbox.endpoint());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode guest(VmRef vm) {
        return arm.get("/_sandbox/state?vm=" + vm.name()).json().at("/vms/0/guest");
    }

    private ScriptResult run(VmRef vm, GuestScripts script) throws Exception {
        return run(vm, script, Map.of("DiskNumber", "0"));
    }

    private ScriptResult run(VmRef vm, GuestScripts script, Map<String, String> parameters) throws Exception {
        ManagedRunCommand command = ManagedRunCommand.of("trustlift", script.script(parameters));
        assertEquals(Status.SUCCEEDED, untilDone(cloud, cloud.beginRunCommand(vm, "eastus", command)).status());
        RunCommandView view = cloud.findRunCommand(vm, "trustlift").orElseThrow();
        return new ScriptResult(view.exitCode(), view.output(), view.error());
    }

    private DriveLetterOutput fix(VmRef vm) throws Exception {
        return DriveLetterOutput.parse(run(vm, GuestScripts.DRIVE_LETTER_FIX, Map.of("DiskNumber", "0", "Mode", "fix")), 0);
    }

    private DriveLetterOutput detect(VmRef vm) throws Exception {
        return DriveLetterOutput.parse(run(vm, GuestScripts.DRIVE_LETTER_FIX, Map.of("DiskNumber", "0", "Mode", "detect")), 0);
    }

    private void restart(VmRef vm) throws Exception {
        OperationHandle h = cloud.beginRestart(vm);
        assertEquals(OperationKind.RESTART, h.kind());
        assertEquals(Status.SUCCEEDED, untilDone(cloud, h).status());
    }

    /** Windows' own upgrade path up to the post-fixes: convert, deallocate, Trusted Launch, start. */
    private void upgrade(VmRef vm) throws Exception {
        assertTrue(Mbr2GptConvertOutput.parse(run(vm, GuestScripts.MBR2GPT_CONVERT)).succeeded());
        untilDone(cloud, cloud.beginDeallocate(vm));
        untilDone(cloud, cloud.beginSetSecurityProfile(vm, SecurityProfileChange.trustedLaunch(true)));
        untilDone(cloud, cloud.beginStart(vm));
    }

    @Test
    void systemReservedTakesDAfterTheConversionAndThreePhasesWithRestartsGiveItBack() throws Exception {
        assertEquals("temporary-disk", guest(TAKEN).path("driveD").asText(), "before MBR2GPT the temporary disk is D:");
        upgrade(TAKEN);
        assertEquals("system-reserved", guest(TAKEN).path("driveD").asText());
        assertEquals("E", guest(TAKEN).path("tempDiskLetter").asText());

        DriveLetterOutput detected = detect(TAKEN);
        assertTrue(detected.systemReservedHoldsD(0), "detect sees System Reserved's D: on the OS disk");
        assertEquals(List.of("D:\\pagefile.sys"), detected.pageFilesAfter(), "detect changes nothing");
        assertEquals("system-reserved", guest(TAKEN).path("driveD").asText());

        DriveLetterOutput first = fix(TAKEN);
        assertEquals(Phase.PAGE_FILE_MOVED, first.phase());
        assertEquals(0, first.dBeforeDisk());
        assertEquals(List.of("C:\\pagefile.sys"), first.pageFilesAfter());
        assertTrue(first.phase().rebootNeeded());
        restart(TAKEN);

        DriveLetterOutput second = fix(TAKEN);
        assertEquals(Phase.LETTER_REMOVED, second.phase());
        assertNull(second.dAfterDisk(), "the letter is gone from System Reserved");
        restart(TAKEN);

        DriveLetterOutput third = fix(TAKEN);
        assertEquals(Phase.TEMP_DISK_IS_D, third.phase());
        assertEquals("D", third.tempDiskLetter());
        assertEquals(1, third.dAfterDisk(), "D: is on the temporary disk (disk 1)");
        assertFalse(third.phase().rebootNeeded());
        assertEquals("temporary-disk", guest(TAKEN).path("driveD").asText());

        DriveLetterOutput again = fix(TAKEN);
        assertEquals(Phase.TEMP_DISK_IS_D, again.phase(), "a run after the fix changes nothing");
    }

    @Test
    void withoutTheRestartTheLetterCannotBeRemovedWhileThePageFileIsInUse() throws Exception {
        upgrade(TAKEN);
        assertEquals(Phase.PAGE_FILE_MOVED, fix(TAKEN).phase());
        ScriptResult early = run(TAKEN, GuestScripts.DRIVE_LETTER_FIX, Map.of("DiskNumber", "0", "Mode", "fix"));
        assertEquals(1, early.exitCode(), early.toString());
        assertTrue(early.stderr().contains("paging file"), early.stderr());
        assertEquals("system-reserved", guest(TAKEN).path("driveD").asText());
    }

    @Test
    void aVmWithoutTheIssueIsAlreadyFixedAndARestartNeedsARunningVm() throws Exception {
        upgrade(PLAIN);
        assertFalse(detect(PLAIN).dOnOsDisk(0));
        DriveLetterOutput plain = fix(PLAIN);
        assertEquals(Phase.TEMP_DISK_IS_D, plain.phase());
        assertEquals(1, plain.dBeforeDisk());
        assertEquals(List.of("D:\\pagefile.sys"), plain.pageFilesAfter(), "Azure keeps the page file on the temporary disk");

        restart(PLAIN);
        assertEquals("running", arm.get("/_sandbox/state?vm=plain01").json().at("/vms/0/power").asText());
        assertTrue(arm.get("/_sandbox/state?vm=plain01").json().at("/vms/0/boot/booted").asBoolean());
        untilDone(cloud, cloud.beginDeallocate(PLAIN));
        CloudException refused = org.junit.jupiter.api.Assertions.assertThrows(CloudException.class,
                () -> cloud.beginRestart(PLAIN));
        assertEquals(409, refused.httpStatus());
        assertEquals("OperationNotAllowed", refused.code());
    }
}
