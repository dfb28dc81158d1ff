package dev.trustlift.cli.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.azure.AzureCloudAdapter;
import dev.trustlift.azure.AzureConnection;
import dev.trustlift.azure.ConnectionSettings;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.LogAssembly;
import dev.trustlift.core.guest.LogChunk;
import dev.trustlift.core.guest.Mbr2GptConvertOutput;
import dev.trustlift.core.guest.Mbr2GptMessage;
import dev.trustlift.core.guest.Mbr2GptValidateOutput;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The special VMs of upgrade-e2e.json do what upgrade-e2e.expected says the upgrade will meet,
 * driven step by step through the real adapter (no engine): the refusals, the failed boot, the
 * missing room, the large logs and the WinRE warning are really there for the engine to handle.
 */
class UpgradeE2eFleetScenariosTest {
    static final String A = UpgradeE2eFleetTest.SUB_A;
    static final ObjectMapper JSON = new ObjectMapper();

    private SandboxServer sandbox;
    private Cloud cloud;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxServer.start(Fleet.parse(UpgradeE2eFleetTest.resource("/fleets/upgrade-e2e.json"),
                "upgrade-e2e.json"), 0);
        cloud = new AzureCloudAdapter(AzureConnection.open(ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false)
                .withPollInterval(Duration.ofMillis(20))));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static VmRef vm(String name) {
        return new VmRef(A, "rg-e2e", name);
    }

    private JsonNode truth(String name) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.endpoint() + "_sandbox/state?vm=" + name)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).at("/vms/0");
    }

    private OperationState done(OperationHandle handle) throws InterruptedException {
        OperationHandle h = handle;
        for (int i = 0; i < 500; i++) {
            OperationState s = cloud.pollOperation(h);
            if (s.done()) {
                return s;
            }
            h = s.next();
            Thread.sleep(20);
        }
        throw new AssertionError("operation " + handle + " did not end");
    }

    private ScriptResult run(VmRef vm, GuestScripts script, Map<String, String> parameters) throws Exception {
        assertEquals(OperationState.Status.SUCCEEDED, done(cloud.beginRunCommand(vm, "eastus",
                ManagedRunCommand.of("trustlift", script.script(parameters)))).status());
        RunCommandView v = cloud.findRunCommand(vm, "trustlift").orElseThrow();
        return new ScriptResult(v.exitCode(), v.output(), v.error());
    }

    private void convertAndDeallocate(VmRef vm) throws Exception {
        assertTrue(Mbr2GptConvertOutput.parse(run(vm, GuestScripts.MBR2GPT_CONVERT, Map.of("DiskNumber", "0"))).succeeded());
        done(cloud.beginDeallocate(vm));
    }

    @Test
    void tlRefusedForGoodThenTheRestoredDiskBootsTheVmAsItWas() throws Exception {
        VmRef vm = vm("tl-refused");
        cloud.ensureRestorePointCollection(vm, "eastus", "trustlift-e2e");
        done(cloud.beginCreateRestorePoint(vm, "trustlift-e2e", "tl-refused", ConsistencyMode.APPLICATION_CONSISTENT));
        RestorePoint rp = cloud.findRestorePoint(vm, "trustlift-e2e", "tl-refused").orElseThrow();
        convertAndDeallocate(vm);
        for (int attempt = 0; attempt < 2; attempt++) {
            CloudException e = assertThrows(CloudException.class,
                    () -> cloud.beginSetSecurityProfile(vm, SecurityProfileChange.trustedLaunch(true)));
            assertEquals(400, e.httpStatus());
            assertTrue(e.armMessage().contains("not supported for the provided image"), e.armMessage());
        }
        OperationHandle restore = cloud.beginRestoreDisk(vm, "eastus", rp.osDiskRestorePointId(), "tl-refused-os-restored",
                Map.of("trustlift", "restored"));
        assertEquals(OperationState.Status.SUCCEEDED, done(restore).status());
        assertEquals(OperationState.Status.SUCCEEDED, done(cloud.beginSwapOsDisk(vm, restore.resourceId())).status());
        done(cloud.beginStart(vm));
        JsonNode t = truth("tl-refused");
        assertEquals("running", t.path("power").asText());
        assertEquals("MBR", t.at("/osDisk/layout/scheme").asText());
        assertEquals("V1", t.at("/osDisk/hyperVGeneration").asText());
        assertTrue(t.at("/boot/booted").asBoolean(), t.toString());
    }

    @Test
    void noBootAfterTrustedLaunchLeavesTheAgentNotReadyAndTheSerialLogSaysWhy() throws Exception {
        VmRef vm = vm("no-boot");
        convertAndDeallocate(vm);
        done(cloud.beginSetSecurityProfile(vm, SecurityProfileChange.trustedLaunch(true)));
        done(cloud.beginStart(vm));
        assertFalse(cloud.getInstanceView(vm).agentReady(), "the agent never becomes Ready");
        assertTrue(cloud.readSerialConsoleLog(vm).contains("INACCESSIBLE_BOOT_DEVICE"), cloud.readSerialConsoleLog(vm));
    }

    @Test
    void noRoomIsFoundByValidateAndMakeRoomFixesIt() throws Exception {
        VmRef vm = vm("noroom");
        var first = Mbr2GptValidateOutput.parse(run(vm, GuestScripts.MBR2GPT_VALIDATE, Map.of("DiskNumber", "0")));
        assertTrue(first.said(Mbr2GptMessage.NO_ROOM_FOR_ESP), first.summary());
        run(vm, GuestScripts.MAKE_ROOM, Map.of("ShrinkMb", "101"));
        assertTrue(Mbr2GptValidateOutput.parse(run(vm, GuestScripts.MBR2GPT_VALIDATE, Map.of("DiskNumber", "0"))).succeeded());
    }

    @Test
    void theFailingValidateLeavesLogsOfSeveralChunksAndTheWinReVmWarns() throws Exception {
        VmRef vm = vm("validate-fails");
        assertFalse(Mbr2GptValidateOutput.parse(run(vm, GuestScripts.MBR2GPT_VALIDATE, Map.of("DiskNumber", "0"))).succeeded());
        LogAssembly log = new LogAssembly("setuperr.log");
        int runs = 0;
        while (!log.complete()) {
            log.add(LogChunk.parse(run(vm, GuestScripts.FETCH_LOG, Map.of("File", "setuperr.log",
                    "Offset", Long.toString(log.nextOffset())))));
            runs++;
        }
        assertTrue(log.bytes().length > 12 * 1024 && runs > 1, log.bytes().length + " bytes in " + runs + " runs");

        var convert = Mbr2GptConvertOutput.parse(run(vm("winre-warning"), GuestScripts.MBR2GPT_CONVERT,
                Map.of("DiskNumber", "0")));
        assertTrue(convert.succeeded() && convert.said(Mbr2GptMessage.REAGENT_XML_NOT_UPDATED), convert.summary());
    }

    @Test
    void theGatedSubscriptionRefusesTrustedLaunchUntilItsFeatureIsRegistered() throws Exception {
        VmRef vm = new VmRef(UpgradeE2eFleetTest.SUB_B, "rg-gated", "gated");
        done(cloud.beginDeallocate(vm));
        CloudException e = assertThrows(CloudException.class,
                () -> cloud.beginSetSecurityProfile(vm, SecurityProfileChange.trustedLaunch(true)));
        assertEquals("SubscriptionNotRegisteredForFeature", e.code());
    }

    @Test
    void fiveHundredsOnDeallocateOutlastThePipelinesRetriesOnce() throws Exception {
        CloudException e = assertThrows(CloudException.class, () -> cloud.beginDeallocate(vm("faults-500")));
        assertEquals(500, e.httpStatus());
        assertEquals("running", truth("faults-500").path("power").asText(), "nothing changed");
        assertEquals(OperationState.Status.SUCCEEDED, done(cloud.beginDeallocate(vm("faults-500"))).status());
        assertEquals("deallocated", truth("faults-500").path("power").asText());
    }
}
