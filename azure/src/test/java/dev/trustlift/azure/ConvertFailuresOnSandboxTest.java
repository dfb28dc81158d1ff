package dev.trustlift.azure;

import static dev.trustlift.azure.OperationsOnSandboxTest.untilDone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.LogAssembly;
import dev.trustlift.core.guest.LogChunk;
import dev.trustlift.core.guest.MakeRoomOutput;
import dev.trustlift.core.guest.Mbr2GptConvertOutput;
import dev.trustlift.core.guest.Mbr2GptExit;
import dev.trustlift.core.guest.Mbr2GptMessage;
import dev.trustlift.core.guest.Mbr2GptRun;
import dev.trustlift.core.guest.Mbr2GptValidateOutput;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guest-validate / guest-convert failures the upgrade handles, through the real adapter: no
 * room for the ESP found by /validate (Optimize Drives Disabled, the known cause) and fixed by make-room.ps1's shrink (a second /validate
 * passes), and a failed /validate whose setup logs exceed one Run Command output window.
 */
class ConvertFailuresOnSandboxTest {
    static final String SUB = "88888888-8888-8888-8888-888888888888";
    static final VmRef TIGHT = new VmRef(SUB, "rg-app", "tight01");
    static final VmRef LOGS = new VmRef(SUB, "rg-app", "logs01");
    static final String FLEET = "{\"timeScale\": 0.001, \"subscriptions\": [{\"id\": \"" + SUB + "\", \"throttle\": \"none\"}],"
            + " \"vms\": [" + vm("tight01", ", \"guest\": {\"disabledServices\": [\"defragsvc\"]}") + ","
            + vm("logs01", ", \"guest\": {\"setupLogKb\": 9}, \"faults\": [{\"guest\": \"mbr2gpt-validate\", \"result\": \"layout\"}]")
            + "]}";

    static SandboxServer sandbox;
    static AzureCloudAdapter cloud;

    private static String vm(String name, String extra) {
        return "{\"subscription\": \"" + SUB + "\", \"resourceGroup\": \"rg-app\", \"name\": \"" + name + "\","
                + " \"location\": \"eastus\", \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\","
                + " \"osName\": \"Windows Server 2019 Datacenter\", \"osVersion\": \"10.0.17763.6054\","
                + " \"powerState\": \"running\"" + extra + "}";
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(Fleet.parse(FLEET, "inline"), 0);
        cloud = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false).withPollInterval(Duration.ofMillis(20))));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    private static ScriptResult run(VmRef vm, GuestScripts script, Map<String, String> parameters) throws Exception {
        ManagedRunCommand command = ManagedRunCommand.of("trustlift", script.script(parameters));
        assertEquals(Status.SUCCEEDED, untilDone(cloud, cloud.beginRunCommand(vm, "eastus", command)).status());
        RunCommandView view = cloud.findRunCommand(vm, "trustlift").orElseThrow();
        return new ScriptResult(view.exitCode(), view.output(), view.error());
    }

    private static Mbr2GptRun validate(VmRef vm) throws Exception {
        return Mbr2GptValidateOutput.parse(run(vm, GuestScripts.MBR2GPT_VALIDATE, Map.of("DiskNumber", "0")));
    }

    @Test
    void validateFindsNoRoomForTheEspAndASecondValidatePassesAfterTheShrink() throws Exception {
        Mbr2GptRun first = validate(TIGHT);
        assertFalse(first.succeeded());
        assertTrue(first.said(Mbr2GptMessage.NO_ROOM_FOR_ESP), first.summary());
        assertEquals(Mbr2GptExit.LAYOUT_INVALID, first.exit().orElseThrow());

        // MBR2GPT cannot shrink C: while Optimize Drives is Disabled; make-room sets it to Manual and shrinks
        MakeRoomOutput shrink = MakeRoomOutput.parse(run(TIGHT, GuestScripts.MAKE_ROOM, Map.of("ShrinkMb", "101")));
        assertEquals(java.util.List.of("defragsvc"), shrink.servicesEnabled());
        assertEquals(101, shrink.shrunkMb());
        Mbr2GptRun second = validate(TIGHT);
        assertTrue(second.succeeded(), "the free space after C: now holds the ESP: " + second.summary());
        assertTrue(Mbr2GptConvertOutput.parse(run(TIGHT, GuestScripts.MBR2GPT_CONVERT, Map.of("DiskNumber", "0")))
                .succeeded());
    }

    @Test
    void aFailedValidateLeavesLogsLargerThanOneOutputWindowFetchedInSeveralRuns() throws Exception {
        Mbr2GptRun failed = validate(LOGS);
        assertEquals(Mbr2GptExit.LAYOUT_INVALID, failed.exit().orElseThrow());
        for (String file : new String[] {"setupact.log", "setuperr.log"}) {
            LogAssembly log = new LogAssembly(file);
            int runs = 0;
            while (!log.complete()) {
                // the script's default chunk (2,400 bytes): what the engine sends
                log.add(LogChunk.parse(run(LOGS, GuestScripts.FETCH_LOG, Map.of("File", file,
                        "Offset", Long.toString(log.nextOffset())))));
                runs++;
            }
            String text = new String(log.bytes(), StandardCharsets.UTF_8);
            assertTrue(log.bytes().length > 4096, file + ": " + log.bytes().length);
            assertTrue(runs >= 4, file + " took " + runs + " runs");
            assertTrue(text.startsWith("2024-02-29 23:00:00"), "Windows setup's earlier history comes first: " + file);
            assertTrue(text.contains("Disk layout validation failed for disk 0"), "MBR2GPT's failure is appended: " + file);
        }
    }
}
