package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.RestorePoint;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.Mbr2GptRun;
import dev.trustlift.core.guest.Mbr2GptValidateOutput;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The upgrade engine's calls through the real adapter against the sandbox: operations started by
 * one adapter and polled by another, ARM's failures and throttling on polls, restore points,
 * restored disks, managed run commands and boot diagnostics. What happened is read back from the
 * sandbox's own /_sandbox/ endpoints.
 */
class OperationsOnSandboxTest {
    static final String SUB = "55555555-5555-5555-5555-555555555555";
    static final String SUB_T = "66666666-6666-6666-6666-666666666666";
    static final VmRef WIN = new VmRef(SUB, "rg-app", "win01");
    static final VmRef LIN = new VmRef(SUB, "rg-app", "lin01");
    static final VmRef THROTTLED = new VmRef(SUB_T, "rg-app", "thr01");
    /** timeScale 0.01: a deallocate takes 0.6 s, polls are hinted every 100 ms. */
    static final String FLEET = "{\"timeScale\": 0.01, \"subscriptions\": ["
            + "{\"id\": \"" + SUB + "\", \"throttle\": \"none\"},"
            + "{\"id\": \"" + SUB_T + "\", \"throttle\": {\"getOperation\": {\"size\": 2, \"refillPerSecond\": 1}}}],"
            + " \"vms\": [" + vm(SUB, "win01", "Windows", "Windows Server 2019 Datacenter", "10.0.17763.6054") + ","
            + vm(SUB, "lin01", "Linux", "ubuntu", "22.04") + ","
            + vm(SUB_T, "thr01", "Windows", "Windows Server 2022 Datacenter", "10.0.20348.2527") + "]}";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static SandboxServer sandbox;
    static AzureCloudAdapter cloud;

    private static String vm(String sub, String name, String os, String osName, String osVersion) {
        return "{\"subscription\": \"" + sub + "\", \"resourceGroup\": \"rg-app\", \"name\": \"" + name + "\","
                + " \"location\": \"eastus\", \"size\": \"Standard_D2s_v3\", \"osType\": \"" + os + "\","
                + " \"osName\": \"" + osName + "\", \"osVersion\": \"" + osVersion + "\", \"powerState\": \"running\"}";
    }

    static AzureCloudAdapter newAdapter() {
        return new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false).withPollInterval(Duration.ofMillis(20))));
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(Fleet.parse(FLEET, "inline"), 0);
        cloud = newAdapter();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    /** What the engine's poller does, here in the test: poll, wait what ARM asks, until done. */
    static OperationState untilDone(Cloud cloud, OperationHandle handle) throws InterruptedException {
        OperationHandle h = handle;
        for (int i = 0; i < 200; i++) {
            OperationState s = cloud.pollOperation(h);
            if (s.done()) {
                return s;
            }
            h = s.next();
            Thread.sleep(s.retryAfter() == null ? 50 : Math.min(500, s.retryAfter().toMillis()));
        }
        throw new AssertionError("operation " + handle + " did not end");
    }

    static JsonNode control(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "_sandbox/" + path));
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static JsonNode truth(String vm) throws Exception {
        return control("GET", "state?vm=" + vm, null).at("/vms/0");
    }

    static List<JsonNode> calls(String method, String pathPart) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        control("GET", "calls", null).path("calls").forEach(c -> {
            if (c.path("method").asText().equals(method) && c.path("path").asText().contains(pathPart)) {
                out.add(c);
            }
        });
        return out;
    }

    @Test
    void aDeallocateStartedByOneAdapterIsFinishedByAnotherWithoutASecondRequest() throws Exception {
        OperationHandle handle = cloud.beginDeallocate(WIN);
        assertEquals(OperationKind.DEALLOCATE, handle.kind());
        assertEquals(OperationHandle.Polling.ASYNC_OPERATION, handle.polling());
        assertEquals("deallocating", truth("win01").path("power").asText(), "begin returns while ARM works");
        // The journal keeps only plain values: rebuild the handle from them, as a resumed process would.
        OperationHandle journaled = new OperationHandle(OperationKind.valueOf(handle.kind().name()), handle.resourceId(),
                OperationHandle.Polling.valueOf(handle.polling().name()), handle.pollUrl(), handle.requestId(),
                Instant.parse(handle.startedAt().toString()));
        OperationState end = untilDone(newAdapter(), journaled);
        assertEquals(Status.SUCCEEDED, end.status());
        assertEquals("deallocated", truth("win01").path("power").asText());
        assertEquals(1, calls("POST", "/virtualMachines/win01/deallocate").size());
        assertNotEquals(null, handle.requestId());
    }

    @Test
    void anOperationThatFailsInArmIsAFailedStateWithArmsCode() throws Exception {
        control("POST", "faults", "{\"vm\": \"" + WIN.id() + "\", \"faults\": [{\"op\": \"start\", \"phase\": \"operation\","
                + " \"status\": 409, \"code\": \"AllocationFailed\", \"message\": \"no capacity in eastus\"}]}");
        OperationState end = untilDone(cloud, cloud.beginStart(WIN));
        assertEquals(Status.FAILED, end.status());
        assertEquals("AllocationFailed", end.errorCode());
        assertEquals("no capacity in eastus", end.errorMessage());
    }

    @Test
    void aThrottledPollSaysWhenToAskAgainAndSendsOnlyOneRequest() throws Exception {
        OperationHandle h = cloud.beginDeallocate(THROTTLED);
        // The subscription's Get Operation bucket holds 2 tokens, refilled one a second: the third
        // quick poll is refused, and comes back as "still running, ask again after Retry-After".
        OperationState third = null;
        for (int i = 0; i < 3; i++) {
            third = cloud.pollOperation(h);
        }
        List<JsonNode> polls = calls("GET", "/operations/");
        assertEquals(3, polls.size(), "one request per poll, no retry hidden inside: " + polls);
        assertEquals(429, polls.get(2).path("status").asInt(), polls.toString());
        assertEquals(OperationState.Status.IN_PROGRESS, third.status());
        assertTrue(third.retryAfter().toMillis() >= 1000, "Retry-After: " + third.retryAfter());
        Thread.sleep(third.retryAfter().toMillis());
        OperationState later = cloud.pollOperation(h);
        assertEquals(200, calls("GET", "/operations/").get(3).path("status").asInt(), "after Retry-After ARM answers");
        assertTrue(later.status() != null);
    }

    @Test
    void aRestorePointIsCreatedOnceAndFoundWithItsDiskRestorePoints() throws Exception {
        assertEquals(Optional.empty(), cloud.findRestorePoint(WIN, "trustlift-c1", "pre-upgrade"), "no collection yet");
        String collection = cloud.ensureRestorePointCollection(WIN, "eastus", "trustlift-c1");
        assertEquals(collection, cloud.ensureRestorePointCollection(WIN, "eastus", "trustlift-c1"), "a second PUT reuses it");
        assertEquals(Optional.empty(), cloud.findRestorePoint(WIN, "trustlift-c1", "pre-upgrade"));
        OperationHandle h = cloud.beginCreateRestorePoint(WIN, "trustlift-c1", "pre-upgrade",
                ConsistencyMode.APPLICATION_CONSISTENT);
        assertEquals(Status.SUCCEEDED, untilDone(cloud, h).status());
        RestorePoint rp = cloud.findRestorePoint(WIN, "trustlift-c1", "pre-upgrade").orElseThrow();
        assertTrue(rp.succeeded(), rp.toString());
        assertEquals(ConsistencyMode.APPLICATION_CONSISTENT, rp.consistencyMode());
        assertTrue(rp.pointId().endsWith("/restorePoints/pre-upgrade"), rp.pointId());
        assertTrue(rp.osDiskRestorePointId().contains("/diskRestorePoints/"), rp.osDiskRestorePointId());
        assertEquals(1, rp.diskRestorePoints().size(), rp.toString());
        assertEquals(rp.osDiskRestorePointId(), rp.diskRestorePoints().get(0).id());
        assertEquals("succeeded", rp.diskRestorePoints().get(0).replicationState());
        assertEquals(1, calls("PUT", "/restorePoints/pre-upgrade").size());
    }

    @Test
    void aDiskRestoredFromTheRestorePointIsTheGen1MbrDiskAndTheConvertedOneIsKeptTagged() throws Exception {
        String original = cloud.getVm(WIN).osDisk().id();
        cloud.ensureRestorePointCollection(WIN, "eastus", "trustlift-c1");
        untilDone(cloud, cloud.beginCreateRestorePoint(WIN, "trustlift-c1", "pre-upgrade", ConsistencyMode.CRASH_CONSISTENT));
        RestorePoint rp = cloud.findRestorePoint(WIN, "trustlift-c1", "pre-upgrade").orElseThrow();
        ManagedRunCommand convert = new ManagedRunCommand("trustlift", List.of("MBR2GPT.exe /convert /disk:0 /allowFullOS"),
                List.of(), List.of(), Duration.ofMinutes(5));
        assertEquals(Status.SUCCEEDED, untilDone(cloud, cloud.beginRunCommand(WIN, "eastus", convert)).status());
        assertEquals("GPT", truth("win01").at("/osDisk/layout/scheme").asText(), "the guest converted its disk");

        untilDone(cloud, cloud.beginDeallocate(WIN));
        OperationHandle restore = cloud.beginRestoreDisk(WIN, "eastus", rp.osDiskRestorePointId(), "win01-os-restored",
                Map.of("trustlift", "restored"));
        assertEquals(Status.SUCCEEDED, untilDone(cloud, restore).status());
        assertEquals(Status.SUCCEEDED, untilDone(cloud, cloud.beginSwapOsDisk(WIN, restore.resourceId())).status());
        assertEquals(Status.SUCCEEDED, untilDone(cloud, cloud.beginTagDisk(original, Map.of("trustlift", "converted-kept")))
                .status());

        JsonNode vm = truth("win01");
        assertEquals(restore.resourceId().toLowerCase(), vm.at("/osDisk/id").asText().toLowerCase());
        assertEquals("V1", vm.at("/osDisk/hyperVGeneration").asText());
        assertEquals("MBR", vm.at("/osDisk/layout/scheme").asText());
        assertEquals(Map.of("trustlift", "restored"), cloud.getDisk(restore.resourceId()).tags());
        assertEquals("converted-kept", cloud.getDisk(original).tags().get("trustlift"));
        assertEquals(null, cloud.getDisk(original).managedBy(), "the converted disk is detached, not deleted");
    }

    @Test
    void aGuestScriptRunsAsTheManagedRunCommandWithItsParameters() throws Exception {
        // core's real script file, its user data only as a parameter (ManagedRunCommand.of), read
        // back from the instance view and judged by the script's own parser.
        ManagedRunCommand boot = ManagedRunCommand.of("trustlift-script",
                GuestScripts.MBR2GPT_VALIDATE.script(Map.of("DiskNumber", "0")));
        assertEquals(List.of(new ManagedRunCommand.Parameter("DiskNumber", "0")), boot.parameters());
        untilDone(cloud, cloud.beginRunCommand(WIN, "eastus", boot));
        RunCommandView view = cloud.findRunCommand(WIN, "trustlift-script").orElseThrow();
        Mbr2GptRun run = Mbr2GptValidateOutput.parse(new ScriptResult(view.exitCode(), view.output(), view.error()));
        assertTrue(run.succeeded(), view.toString());

        // The same text with another disk number: the script's boot-disk check refuses it.
        untilDone(cloud, cloud.beginRunCommand(WIN, "eastus", ManagedRunCommand.of("trustlift-script",
                GuestScripts.MBR2GPT_VALIDATE.script(Map.of("DiskNumber", "1")))));
        RunCommandView other = cloud.findRunCommand(WIN, "trustlift-script").orElseThrow();
        assertFalse(Mbr2GptValidateOutput.parse(new ScriptResult(other.exitCode(), other.output(), other.error()))
                .succeeded(), other.toString());
        untilDone(cloud, cloud.beginDeleteRunCommand(WIN, "trustlift-script"));
    }

    @Test
    void theRunCommandSaysWhichScriptItRunsSoAResumedStepKnowsItsOwnResult() throws Exception {
        ManagedRunCommand validate = ManagedRunCommand.of("trustlift",
                GuestScripts.MBR2GPT_VALIDATE.script(Map.of("DiskNumber", "0")));
        ManagedRunCommand convert = ManagedRunCommand.of("trustlift",
                GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", "0")));
        untilDone(cloud, cloud.beginRunCommand(WIN, "eastus", validate));
        RunCommandView done = cloud.findRunCommand(WIN, "trustlift").orElseThrow();
        assertTrue(done.finished() && done.ranScript(validate.script()), done.toString());
        assertFalse(done.ranScript(convert.script()), "an older script's result is not the convert's");
        assertTrue(done.scriptHeader().startsWith("# mbr2gpt-validate.ps1 version 1 "), done.scriptHeader());
        assertTrue(done.ran(validate), "ARM returns the parameters too: " + done.parameters());
        assertFalse(done.ran(ManagedRunCommand.of("trustlift", GuestScripts.MBR2GPT_VALIDATE.script(Map.of("DiskNumber", "1")))),
                "the same script on another disk is another run");

        // Right after the re-PUT (a crash here is the case): the view already names the new script, still running.
        OperationHandle h = cloud.beginRunCommand(WIN, "eastus", convert);
        RunCommandView running = cloud.findRunCommand(WIN, "trustlift").orElseThrow();
        assertFalse(running.finished(), running.toString());
        assertTrue(running.ranScript(convert.script()), running.scriptHeader());
        assertTrue(running.scriptHeader().startsWith("# mbr2gpt-convert.ps1 version 1 "), running.scriptHeader());
        untilDone(cloud, h);
        assertEquals("GPT", truth("win01").at("/osDisk/layout/scheme").asText());
    }

    @Test
    void aManagedRunCommandIsReadBackWithItsOutputAndExitCode() throws Exception {
        assertEquals(Optional.empty(), cloud.findRunCommand(WIN, "trustlift"));
        // MBR2GPT outside WinPE without /allowFullOS refuses with its exit code 3.
        ManagedRunCommand command = new ManagedRunCommand("trustlift", List.of("MBR2GPT.exe /validate /disk:0"),
                List.of(new ManagedRunCommand.Parameter("DiskNumber", "0")),
                List.of(new ManagedRunCommand.Parameter("Token", "s3cret")), Duration.ofMinutes(2));
        OperationHandle h = cloud.beginRunCommand(WIN, "eastus", command);
        assertEquals(Status.SUCCEEDED, untilDone(cloud, h).status(), "a non-zero exit is a result, not a failed deployment");
        RunCommandView view = cloud.findRunCommand(WIN, "trustlift").orElseThrow();
        assertTrue(view.finished(), view.toString());
        assertEquals(3, view.exitCode(), view.toString());
        assertEquals("Failed", view.executionState());
        assertTrue(view.startTime() != null && view.endTime() != null && !view.endTime().isBefore(view.startTime()));

        // Re-PUT of the same name runs the next script; its result replaces the first.
        ManagedRunCommand next = new ManagedRunCommand("trustlift", List.of("Write-Output 'probe'",
                "Get-Disk | ConvertTo-Json -Compress"), List.of(), List.of(), Duration.ofMinutes(2));
        untilDone(cloud, cloud.beginRunCommand(WIN, "eastus", next));
        RunCommandView again = cloud.findRunCommand(WIN, "trustlift").orElseThrow();
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals("Succeeded", again.executionState());
        assertTrue(again.output().startsWith("probe") && again.output().contains("PartitionStyle"), again.output());
        untilDone(cloud, cloud.beginRunCommand(LIN, "eastus", new ManagedRunCommand("trustlift", List.of("df -Pm /"),
                List.of(), List.of(), Duration.ofMinutes(2))));

        untilDone(cloud, cloud.beginDeleteRunCommand(WIN, "trustlift"));
        assertEquals(Optional.empty(), cloud.findRunCommand(WIN, "trustlift"));
        assertTrue(cloud.findRunCommand(LIN, "trustlift").isPresent(), "deleting one VM's command leaves the other's");
    }

    @Test
    void anMbrDiskStartedUnderTrustedLaunchFailsToBootAndTheSerialLogSaysWhy() throws Exception {
        untilDone(cloud, cloud.beginDeallocate(WIN));
        assertEquals(Status.SUCCEEDED, untilDone(cloud,
                cloud.beginSetSecurityProfile(WIN, SecurityProfileChange.trustedLaunch(true))).status());
        assertEquals(Status.SUCCEEDED, untilDone(cloud, cloud.beginStart(WIN)).status(), "ARM reports no boot failure");
        assertFalse(truth("win01").at("/boot/booted").asBoolean(true));
        String log = cloud.readSerialConsoleLog(WIN);
        assertTrue(log.contains("BdsDxe") && log.contains("No bootable option or device was found"), log);
    }

    @Test
    void theComputeProviderIsReRegistered() throws Exception {
        assertEquals(FeatureState.Registration.REGISTERING, cloud.registerResourceProvider(SUB, "Microsoft.Compute"));
        assertEquals(1, calls("POST", "/subscriptions/" + SUB + "/providers/Microsoft.Compute/register").size());
    }
}
