package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.FindingsJson;
import dev.trustlift.core.upgrade.RunOutcome;
import dev.trustlift.core.upgrade.Step;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.Timing;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.UpgradePlan;
import dev.trustlift.core.upgrade.UpgradeRunner;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.VmUpgrade;
import dev.trustlift.core.upgrade.steps.DoneStep;
import dev.trustlift.core.upgrade.steps.PostFixesStep;
import dev.trustlift.core.upgrade.steps.VerifyGuestStep;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-guest, post-fixes and done through the real runner and the real adapter against the
 * sandbox, on VMs the test brought to Trusted Launch as the earlier steps would (MBR2GPT /convert
 * as the managed run command, deallocate, the securityProfile PATCH, start): the sandbox answers
 * verify-guest.ps1 and winre-resync.ps1 command by command, boots the firmware the VM has, and
 * refuses a DELETE under a lock.
 */
class AfterStartStepsOnSandboxTest {
    static final String SUB = "77777777-7777-7777-7777-777777777777";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLEET = "{\"timeScale\": 0.001, \"subscriptions\": [{\"id\": \"" + SUB + "\", \"throttle\": \"none\"}],"
            + " \"vms\": [" + vm("tl01", "{\"freeSpaceMb\": 20000}", "[]", "[]") + ","
            + vm("old01", "{\"freeSpaceMb\": 20000, \"secureBootCerts2023\": false}", "[]", "[]") + ","
            + vm("lock01", "{\"freeSpaceMb\": 20000}", "[]", "[\"CanNotDelete\"]") + ","
            + vm("winre01", "{\"freeSpaceMb\": 20000}", "[{\"guest\": \"mbr2gpt-convert\", \"result\": \"reagent-warning\"}]", "[]") + ","
            + vm("dtaken01", "{\"freeSpaceMb\": 20000, \"systemReservedTakesD\": true}", "[]", "[]") + ","
            + vm("noboot01", "{\"freeSpaceMb\": 20000}", "[]", "[]") + "]}";

    @TempDir
    Path dir;
    private SandboxServer sandbox;
    private AzureCloudAdapter cloud;
    private SqliteJournal journal;

    private static String vm(String name, String guest, String faults, String locks) {
        return "{\"subscription\": \"" + SUB + "\", \"resourceGroup\": \"rg-after\", \"name\": \"" + name + "\","
                + " \"location\": \"eastus\", \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\","
                + " \"osName\": \"Windows Server 2022 Datacenter\", \"osVersion\": \"10.0.20348.2582\", \"powerState\": \"running\","
                + " \"agent\": \"Ready\", \"osDisk\": {\"name\": \"" + name + "-os\", \"sizeGb\": 127, \"hyperVGeneration\": \"V1\","
                + " \"layout\": \"windows-azure-default\"}, \"guest\": " + guest + ", \"faults\": " + faults + ", \"locks\": " + locks + "}";
    }

    private static VmRef ref(String name) {
        return new VmRef(SUB, "rg-after", name);
    }

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(Fleet.parse(FLEET, "inline"), 0);
        cloud = new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(sandbox.endpoint()), false).withPollInterval(Duration.ofMillis(20))));
        journal = SqliteJournal.open(dir.resolve("journal.db"));
    }

    @AfterEach
    void stop() {
        journal.close();
        sandbox.close();
    }

    /** What guest-convert and deallocate .. start do before these steps, through the same adapter. */
    private void toTrustedLaunch(String name, boolean convert) throws Exception {
        if (convert) {
            var h = cloud.beginRunCommand(ref(name), "eastus", ManagedRunCommand.of(UpgradeNames.RUN_COMMAND,
                    GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", "0"))));
            assertTrue(OperationsOnSandboxTest.untilDone(cloud, h).succeeded());
            assertEquals(0, cloud.findRunCommand(ref(name), UpgradeNames.RUN_COMMAND).orElseThrow().exitCode());
        }
        assertTrue(OperationsOnSandboxTest.untilDone(cloud, cloud.beginDeallocate(ref(name))).succeeded());
        assertTrue(OperationsOnSandboxTest.untilDone(cloud, cloud.beginSetSecurityProfile(ref(name),
                SecurityProfileChange.trustedLaunch(true))).succeeded());
        assertTrue(OperationsOnSandboxTest.untilDone(cloud, cloud.beginStart(ref(name))).succeeded());
    }

    /** Stands in for guest-convert: its journaled detail (the OS disk's number, MBR2GPT's ReAgent.xml warning) is what post-fixes reads. */
    private static Step convertedStandIn(Set<String> reagentWarnings) {
        return new Step() {
            @Override
            public String name() {
                return "guest-convert";
            }

            @Override
            public StepResult run(VmUpgrade vm) {
                return StepResult.done(JSON.createObjectNode().put("diskNumber", 0)
                        .put("reagentWarning", reagentWarnings.contains(vm.ref().name())));
            }
        };
    }

    private RunOutcome run(List<String> names, Set<String> reagentWarnings) throws InterruptedException {
        journal.createCampaign(new Campaign("c1", Clock.systemUTC().instant(), "{}", "test", CampaignState.RUNNING));
        for (String n : names) {
            journal.saveVm(CampaignVm.pending("c1", ref(n).id(), VmOptions.defaults().toJson()));
        }
        // done is a cleanup step: it runs whatever state the VM ends in
        UpgradePlan plan = new UpgradePlan(List.of(convertedStandIn(reagentWarnings), new VerifyGuestStep(cloud),
                new PostFixesStep(cloud)), Set.of(), Set.of(), List.of(), List.of(), List.of(new DoneStep(cloud)));
        // Polls kept short for the sandbox's timeScale; the guest gets 3 s to come up (its agent is Ready at once).
        Timing timing = new Timing(Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofMillis(300), Duration.ofMillis(100),
                Duration.ofSeconds(3), Duration.ofMinutes(1));
        return new UpgradeRunner(journal, cloud, plan, timing, Clock.systemUTC(), 5, 2, null).run("c1");
    }

    private CampaignVm row(String name) {
        return journal.vm("c1", ref(name).id()).orElseThrow();
    }

    private JsonNode detail(String name, String step) throws Exception {
        for (StepAttempt a : journal.attempts("c1", ref(name).id())) {
            if (a.key().step().equals(step) && a.state() == AttemptState.COMPLETED) {
                return JSON.readTree(a.detailJson());
            }
        }
        throw new AssertionError(step + " did not complete for " + name + ": " + journal.attempts("c1", ref(name).id()));
    }

    private List<String> rules(String name) {
        return FindingsJson.read(row(name).findingsJson()).stream().map(Finding::rule).toList();
    }

    @Test
    void trustedLaunchGuestsAreVerifiedFixedAndLeftWithoutTheRunCommand() throws Exception {
        for (String n : List.of("tl01", "old01", "lock01", "winre01")) {
            toTrustedLaunch(n, true);
        }
        RunOutcome outcome = run(List.of("tl01", "old01", "lock01", "winre01"), Set.of("winre01"));
        assertEquals(4, outcome.count(VmState.UPGRADED), outcome.toString());

        JsonNode verified = detail("tl01", VerifyGuestStep.NAME);
        assertEquals("UEFI", verified.path("firmware").asText());
        assertTrue(verified.path("secureBoot").asBoolean());
        assertEquals(2, verified.path("tpmVersion").asInt());
        assertEquals("2023", verified.at("/certificates/status").asText());
        assertEquals(List.of(), rules("tl01"));
        assertTrue(cloud.findRunCommand(ref("tl01"), UpgradeNames.RUN_COMMAND).isEmpty(), "done deleted the run command");
        assertEquals("deleted", detail("tl01", DoneStep.NAME).path("runCommand").asText());

        assertEquals("2011-only", detail("old01", VerifyGuestStep.NAME).at("/certificates/status").asText());
        assertEquals(List.of(VerifyGuestStep.CERTIFICATES_2011), rules("old01"));
        assertTrue(FindingsJson.read(row("old01").findingsJson()).get(0).remediation().contains("KB5085395"));

        assertEquals(List.of(DoneStep.RUN_COMMAND_LEFT), rules("lock01"));
        assertTrue(FindingsJson.read(row("lock01").findingsJson()).get(0).message().contains("vm-lock-cannotdelete"),
                row("lock01").findingsJson());
        assertTrue(cloud.findRunCommand(ref("lock01"), UpgradeNames.RUN_COMMAND).isPresent(), "the lock kept it");

        JsonNode winre = detail("winre01", PostFixesStep.NAME).path("winre");
        assertTrue(winre.path("resynced").asBoolean(), winre.toString());
        assertTrue(winre.path("inSync").asBoolean(), winre.toString());
        assertEquals(List.of(), rules("winre01"));
        JsonNode letters = detail("tl01", PostFixesStep.NAME).path("driveLetters");
        assertTrue(letters.path("checked").asBoolean(), letters.toString());
        assertEquals("not needed", letters.path("result").asText(), letters.toString());
    }

    @Test
    void systemReservedOnDIsGivenBackToTheTemporaryDiskWithRestartsThroughArm() throws Exception {
        toTrustedLaunch("dtaken01", true);
        assertEquals("system-reserved", new SandboxHttp(sandbox.endpoint()).get("/_sandbox/state?vm=dtaken01").json()
                .at("/vms/0/guest/driveD").asText());
        RunOutcome outcome = run(List.of("dtaken01"), Set.of());
        assertEquals(1, outcome.count(VmState.UPGRADED), outcome.toString());
        JsonNode letters = detail("dtaken01", PostFixesStep.NAME).path("driveLetters");
        assertEquals("fixed", letters.path("result").asText(), letters.toString());
        assertEquals("[\"PAGE_FILE_MOVED\",\"LETTER_REMOVED\",\"TEMP_DISK_IS_D\"]", letters.path("phases").toString());
        assertEquals(2, letters.path("restarts").asInt());
        JsonNode guest = new SandboxHttp(sandbox.endpoint()).get("/_sandbox/state?vm=dtaken01").json().at("/vms/0/guest");
        assertEquals("temporary-disk", guest.path("driveD").asText(), guest.toString());
        assertEquals(List.of(), rules("dtaken01"));
        assertTrue(cloud.findRunCommand(ref("dtaken01"), UpgradeNames.RUN_COMMAND).isEmpty());
    }

    @Test
    void aDiskLeftMbrUnderUefiNeverBootsAndTheVmFailsWithItsSerialLog() throws Exception {
        toTrustedLaunch("noboot01", false);
        RunOutcome outcome = run(List.of("noboot01"), Set.of());
        assertEquals(1, outcome.count(VmState.FAILED), outcome.toString());
        StepAttempt failed = journal.attempts("c1", ref("noboot01").id()).stream()
                .filter(a -> a.state() == AttemptState.FAILED).findFirst().orElseThrow();
        assertEquals(VerifyGuestStep.NAME, failed.key().step());
        assertEquals("AgentNotReady", failed.errorCode());
        assertTrue(failed.errorMessage().contains("serial-console.log"), failed.errorMessage());
        List<Artifact> saved = journal.artifacts("c1", ref("noboot01").id());
        assertEquals(List.of("serial-console.log"), saved.stream().map(Artifact::name).toList());
        String log = Files.readString(journal.artifactFolder().resolve(saved.get(0).relativePath()), StandardCharsets.UTF_8);
        assertEquals(cloud.readSerialConsoleLog(ref("noboot01")), log, "the log as boot diagnostics serves it");
        String lastLine = JSON.readTree(failed.detailJson()).at("/serialLog/lastLine").asText();
        assertFalse(lastLine.isBlank());
        assertTrue(log.contains(lastLine), lastLine);
    }
}
