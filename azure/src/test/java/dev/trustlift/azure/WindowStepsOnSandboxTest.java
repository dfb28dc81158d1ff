package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.ConsistencyMode;
import dev.trustlift.core.cloud.OperationHandle;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.Campaigns;
import dev.trustlift.core.upgrade.RunOutcome;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.Timing;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.UpgradePlan;
import dev.trustlift.core.upgrade.UpgradeRunner;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.VmUpgrade;
import dev.trustlift.core.upgrade.steps.DeallocateStep;
import dev.trustlift.core.upgrade.steps.GuestConvertStep;
import dev.trustlift.core.upgrade.steps.ProtectStep;
import dev.trustlift.core.upgrade.steps.RegisterFeatureStep;
import dev.trustlift.core.upgrade.steps.RestoreOsDiskStep;
import dev.trustlift.core.upgrade.steps.Rollback;
import dev.trustlift.core.upgrade.steps.SetTrustedLaunchStep;
import dev.trustlift.core.upgrade.steps.StartAsWasStep;
import dev.trustlift.core.upgrade.steps.StartStep;
import dev.trustlift.core.upgrade.steps.VerifyProfileStep;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window and recovery steps (after the real protect step) through the real adapter against the
 * sandbox, run by the real runner: a Windows VM converted by MBR2GPT, deallocated, set to Trusted Launch, read back and
 * started (it boots under UEFI); the register-feature detour on a subscription that still gates
 * Trusted Launch; Trusted Launch refused for good and a failed conversion, each ending with the
 * MBR disk (V1) restored from the restore point, the converted disk kept and tagged, the VM running.
 */
class WindowStepsOnSandboxTest {
    static final String SUB = "77777777-7777-7777-7777-777777777777";
    static final String SUB_GATED = "88888888-8888-8888-8888-888888888888";
    static final String FEATURE = "Microsoft.Compute/Gen1ToTLMigrationPreview";
    static final VmRef WIN = new VmRef(SUB, "rg-app", "win01");
    static final VmRef GATED = new VmRef(SUB_GATED, "rg-app", "gate01");
    static final String CAMPAIGN = "c9";
    static final String FLEET = "{\"timeScale\": 0.01, \"subscriptions\": ["
            + "{\"id\": \"" + SUB + "\", \"throttle\": \"none\"},"
            + "{\"id\": \"" + SUB_GATED + "\", \"throttle\": \"none\", \"features\": {\"" + FEATURE + "\": \"NotRegistered\"},"
            + " \"requireFeature\": \"" + FEATURE + "\"}],"
            + " \"vms\": [" + vm(SUB, "win01") + "," + vm(SUB_GATED, "gate01") + "]}";
    static final Timing TIMING = new Timing(Duration.ofMillis(50), Duration.ofMillis(10), Duration.ofMillis(200),
            Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ofSeconds(10));
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static SandboxServer sandbox;
    static AzureCloudAdapter cloud;

    @TempDir
    Path dir;
    SqliteJournal journal;

    private static String vm(String sub, String name) {
        return "{\"subscription\": \"" + sub + "\", \"resourceGroup\": \"rg-app\", \"name\": \"" + name + "\","
                + " \"location\": \"eastus\", \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\","
                + " \"osName\": \"Windows Server 2022 Datacenter\", \"osVersion\": \"10.0.20348.2527\", \"powerState\": \"running\"}";
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
        journal = SqliteJournal.open(dir.resolve("journal.db"));
        journal.createCampaign(new Campaign(CAMPAIGN, Instant.now(), "{}", "test", CampaignState.RUNNING));
    }

    @AfterEach
    void close() {
        journal.close();
    }

    /** guest-probe as it journals the OS disk's number (the real step needs assess's gatherer). */
    private static Step before(String name, String detailJson) {
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StepResult run(VmUpgrade vm) {
                try {
                    return StepResult.done((ObjectNode) JSON.readTree(detailJson));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    private static UpgradePlan plan() {
        List<Step> steps = List.of(before("guest-probe", "{\"diskNumber\": 0}"), new ProtectStep(cloud),
                new GuestConvertStep(cloud), new DeallocateStep(cloud), new SetTrustedLaunchStep(cloud),
                new VerifyProfileStep(cloud), new StartStep(cloud));
        return new UpgradePlan(steps, Set.of(GuestConvertStep.NAME, DeallocateStep.NAME, SetTrustedLaunchStep.NAME,
                VerifyProfileStep.NAME, StartStep.NAME),
                Set.of(DeallocateStep.NAME, SetTrustedLaunchStep.NAME, VerifyProfileStep.NAME),
                List.of(new RestoreOsDiskStep(cloud), new StartAsWasStep(cloud)),
                List.of(new UpgradePlan.Detour(SetTrustedLaunchStep.NAME, "SubscriptionNotRegisteredForFeature",
                        new RegisterFeatureStep(cloud))));
    }

    /** The restore point protect takes, by its deterministic names (rollback's test, without the upgrade's steps). */
    private static void protect(VmRef vm) throws InterruptedException {
        cloud.ensureRestorePointCollection(vm, "eastus", UpgradeNames.restorePointCollection(vm));
        OperationHandle h = cloud.beginCreateRestorePoint(vm, UpgradeNames.restorePointCollection(vm),
                UpgradeNames.restorePoint(CAMPAIGN), ConsistencyMode.CRASH_CONSISTENT);
        assertEquals(OperationState.Status.SUCCEEDED, OperationsOnSandboxTest.untilDone(cloud, h).status());
    }

    private RunOutcome run(VmRef... vms) throws Exception {
        for (VmRef vm : vms) {
            journal.saveVm(CampaignVm.pending(CAMPAIGN, vm.id(), VmOptions.defaults().toJson()));
        }
        return new UpgradeRunner(journal, cloud, plan(), TIMING, Clock.systemUTC(), 2, 2, null).run(CAMPAIGN);
    }

    static JsonNode control(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "_sandbox/" + path));
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static JsonNode truth(VmRef vm) throws Exception {
        return control("GET", "state?vm=" + vm.name(), null).at("/vms/0");
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

    private CampaignVm row(VmRef vm) {
        return journal.vm(CAMPAIGN, vm.id()).orElseThrow();
    }

    @Test
    void aConvertedWindowsVmIsDeallocatedSetToTrustedLaunchVerifiedAndBootsUnderUefi() throws Exception {
        RunOutcome outcome = run(WIN, GATED);
        assertEquals(0, outcome.exitCode(), outcome + " " + journal.attempts(CAMPAIGN, GATED.id()));
        for (VmRef vm : List.of(WIN, GATED)) {
            JsonNode t = truth(vm);
            assertEquals(VmState.UPGRADED, row(vm).state(), vm.name());
            assertEquals("TrustedLaunch", t.path("securityType").asText(), t.toString());
            assertEquals("running", t.path("power").asText());
            assertTrue(t.at("/boot/booted").asBoolean(), "the GPT disk boots under Trusted Launch: " + t);
            assertEquals("UEFI", t.at("/boot/firmware").asText());
            assertEquals("GPT", t.at("/osDisk/layout/scheme").asText());
            assertEquals(1, calls("POST", "/virtualMachines/" + vm.name() + "/deallocate").size());
            assertEquals(1, calls("POST", "/virtualMachines/" + vm.name() + "/start").size());
            assertNotNull(row(vm).downtimeEnd());
            assertFalse(row(vm).downtimeEnd().isBefore(row(vm).downtimeStart()));
        }
        // The gated subscription went through the detour: ARM refused once, the feature was registered once.
        assertEquals(List.of(SetTrustedLaunchStep.NAME), journal.attempts(CAMPAIGN, GATED.id()).stream()
                .filter(a -> a.state() == AttemptState.FAILED).map(a -> a.key().step()).toList());
        assertEquals("SubscriptionNotRegisteredForFeature", journal.attempts(CAMPAIGN, GATED.id()).stream()
                .filter(a -> a.state() == AttemptState.FAILED).findFirst().orElseThrow().errorCode());
        assertEquals(1, calls("POST", "/providers/Microsoft.Features/providers/Microsoft.Compute/features/"
                + "Gen1ToTLMigrationPreview/register").size());
        assertEquals(1, calls("POST", "/subscriptions/" + SUB_GATED + "/providers/Microsoft.Compute/register").size());
        assertEquals(0, calls("POST", "/subscriptions/" + SUB + "/providers/Microsoft.Compute/register").size());
    }

    @Test
    void requestsWhoseAnswerWasLostAreFoundDoneAndNotSentAgain() throws Exception {
        // "applied": ARM made the change but the answer was an error, as when the process dies after
        // ARM accepted: each step reads the real state on its retry instead of sending again. (409:
        // the pipeline's own retry re-sends 5xx answers, which would hide what the steps do.)
        control("POST", "faults", "{\"vm\": \"" + WIN.id() + "\", \"faults\": ["
                + "{\"op\": \"deallocate\", \"times\": 1, \"status\": 409, \"applied\": true},"
                + "{\"op\": \"set-security-type\", \"times\": 1, \"status\": 409, \"applied\": true},"
                + "{\"op\": \"start\", \"times\": 1, \"status\": 409, \"applied\": true}]}");
        assertEquals(0, run(WIN).exitCode());
        JsonNode t = truth(WIN);
        assertEquals("TrustedLaunch", t.path("securityType").asText());
        assertTrue(t.at("/boot/booted").asBoolean(), t.toString());
        assertEquals(1, calls("POST", "/virtualMachines/win01/deallocate").size());
        assertEquals(1, calls("POST", "/virtualMachines/win01/start").size());
        assertEquals(1, calls("PATCH", "/virtualMachines/win01").size());
        assertEquals(List.of(DeallocateStep.NAME, SetTrustedLaunchStep.NAME, StartStep.NAME), journal.attempts(CAMPAIGN,
                WIN.id()).stream().filter(a -> a.state() == AttemptState.FAILED).map(a -> a.key().step()).toList(),
                "each request was answered with the error once");
    }

    @Test
    void trustedLaunchRefusedForGoodBringsBackTheMbrDiskAndTheVmRunsAsItWas() throws Exception {
        String converted = cloud.getVm(WIN).osDisk().id();
        control("POST", "faults", "{\"vm\": \"" + WIN.id() + "\", \"faults\": [{\"op\": \"set-security-type\","
                + " \"phase\": \"operation\", \"status\": 400, \"code\": \"InvalidParameter\","
                + " \"message\": \"Use of TrustedLaunch setting is not supported for the provided image.\"}]}");
        RunOutcome outcome = run(WIN);
        assertEquals(3, outcome.exitCode());
        assertEquals(VmState.FAILED, row(WIN).state());
        assertRestored(converted);
        assertEquals("InvalidParameter", journal.attempts(CAMPAIGN, WIN.id()).stream()
                .filter(a -> a.key().step().equals(SetTrustedLaunchStep.NAME)).findFirst().orElseThrow().errorCode());
    }

    @Test
    void aConversionThatFailedAfterWritingTheDiskIsRestoredWithItsLogsFetched() throws Exception {
        String converted = cloud.getVm(WIN).osDisk().id();
        control("POST", "faults", "{\"vm\": \"" + WIN.id() + "\", \"faults\": [{\"guest\": \"mbr2gpt-convert\","
                + " \"result\": \"boot-files\"}]}");
        assertEquals(3, run(WIN).exitCode());
        assertEquals(VmState.FAILED, row(WIN).state());
        assertRestored(converted);
        List<String> logs = journal.artifacts(CAMPAIGN, WIN.id()).stream().map(Artifact::name).toList();
        assertTrue(logs.contains("setupact.log"), logs.toString());
        assertEquals(0, calls("PATCH", "/virtualMachines/win01").size(), "no securityProfile change was sent");
    }

    @Test
    void rollbackBeforeTrustedLaunchRestoresTheOsDiskAndStartsTheVm() throws Exception {
        // An upgrade that stopped after protect: rollback puts the VM on the restore point's disk.
        protect(WIN);
        journal.saveVm(CampaignVm.pending(CAMPAIGN, WIN.id(), VmOptions.defaults().toJson()).withState(VmState.FAILED,
                "protect"));
        String original = cloud.getVm(WIN).osDisk().id();
        CampaignVm vm = journal.vm(CAMPAIGN, WIN.id()).orElseThrow().withRestorePointId(cloud.findRestorePoint(WIN,
                UpgradeNames.restorePointCollection(WIN), UpgradeNames.restorePoint(CAMPAIGN)).orElseThrow().pointId());
        journal.saveVm(vm);
        assertTrue(new Rollback(journal, cloud).decide(vm) instanceof Rollback.Decision.Allowed);
        String id = Campaigns.createRollback(journal, vm, Clock.systemUTC(), "test").id();
        RunOutcome outcome = new UpgradeRunner(journal, cloud, Rollback.plan(cloud), TIMING, Clock.systemUTC(), 1, 1, null)
                .run(id);
        assertEquals(0, outcome.exitCode());
        JsonNode t = truth(WIN);
        assertTrue(t.at("/osDisk/id").asText().toLowerCase().endsWith("/disks/" + UpgradeNames.restoredDisk(WIN, id).toLowerCase()),
                t.toString());
        assertEquals("MBR", t.at("/osDisk/layout/scheme").asText());
        assertEquals("running", t.path("power").asText());
        assertTrue(cloud.getDisk(original).tags().containsKey(UpgradeNames.TAG_CONVERTED));
    }

    private void assertRestored(String converted) throws Exception {
        JsonNode t = truth(WIN);
        String restored = UpgradeNames.restoredDisk(WIN, CAMPAIGN);
        assertTrue(t.at("/osDisk/id").asText().toLowerCase().endsWith("/disks/" + restored.toLowerCase()), t.toString());
        assertEquals("V1", t.at("/osDisk/hyperVGeneration").asText());
        assertEquals("MBR", t.at("/osDisk/layout/scheme").asText());
        assertEquals("Standard", cloud.getVm(WIN).securityType().armName());
        assertEquals("running", t.path("power").asText());
        assertTrue(t.at("/boot/booted").asBoolean(), "the MBR disk boots as Gen1 again: " + t);
        var kept = cloud.getDisk(converted);
        assertEquals(CAMPAIGN, kept.tags().get(UpgradeNames.TAG_CAMPAIGN));
        assertTrue(kept.tags().containsKey(UpgradeNames.TAG_CONVERTED), kept.tags().toString());
        assertEquals(null, kept.managedBy(), "detached, kept, never deleted");
        assertEquals(CAMPAIGN, cloud.getDisk(t.at("/osDisk/id").asText()).tags().get(UpgradeNames.TAG_CAMPAIGN));
        assertNotNull(row(WIN).downtimeEnd());
    }
}
