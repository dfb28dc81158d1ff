package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.journal.AttemptState;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.Timing;
import dev.trustlift.core.upgrade.UpgradePlan;
import dev.trustlift.core.upgrade.UpgradeRunner;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.steps.AssessStep;
import dev.trustlift.core.upgrade.steps.GuestProbeStep;
import dev.trustlift.core.upgrade.steps.GuestValidateStep;
import dev.trustlift.core.upgrade.steps.InspectStep;
import dev.trustlift.core.upgrade.steps.ProtectStep;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps before the downtime window (inspect, assess, guest-probe, guest-validate, protect)
 * through the real runner, a real SqliteJournal and the real adapter against the sandbox: a VM
 * without room for the ESP until C: is shrunk, one whose MBR2GPT /validate fails (logs fetched),
 * one that needs nothing, a stopped one with and without --start-stopped, and protect on a VM whose
 * agent cannot take an application-consistent point.
 */
class FrontStepsOnSandboxTest {
    static final String SUB = "77777777-7777-7777-7777-777777777777";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String FLEET = "{\"timeScale\": 0.01, \"subscriptions\": [{\"id\": \"" + SUB + "\", \"throttle\": \"none\"}],"
            + " \"vms\": [" + vm("win-ok", "running", "") + ","
            + vm("win-noroom", "running", ", \"disabledServices\": [\"vds\"]",
                    "{\"guest\": \"mbr2gpt-validate\", \"result\": \"no-room\", \"times\": 1}") + ","
            + vm("win-fail", "running", "", "{\"guest\": \"mbr2gpt-validate\", \"result\": \"internal\"}") + ","
            + vm("win-off", "deallocated", "") + ","
            + vm("win-start", "deallocated", "") + ","
            + vm("win-agentless", "running", "").replace("\"agent\": \"Ready\"", "\"agent\": \"NotReady\"") + "]}";

    static SandboxServer sandbox;
    static AzureCloudAdapter cloud;

    private static String vm(String name, String power, String guestExtra, String... faults) {
        return "{\"subscription\": \"" + SUB + "\", \"resourceGroup\": \"rg-app\", \"name\": \"" + name + "\","
                + " \"location\": \"eastus\", \"size\": \"Standard_D2s_v3\", \"osType\": \"Windows\","
                + " \"osName\": \"Windows Server 2019 Datacenter\", \"osVersion\": \"10.0.17763.6054\","
                + " \"powerState\": \"" + power + "\", \"agent\": \"Ready\","
                + " \"osDisk\": {\"name\": \"" + name + "-os\", \"sizeGb\": 127, \"managed\": true, \"ephemeral\": false,"
                + " \"hyperVGeneration\": \"V1\", \"encryption\": \"none\", \"layout\": \"windows-azure-default\"},"
                + " \"guest\": {\"bitlocker\": \"off\", \"freeSpaceMb\": 20000" + guestExtra + "},"
                + " \"faults\": [" + String.join(",", faults) + "]}";
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

    static VmRef ref(String name) {
        return new VmRef(SUB, "rg-app", name);
    }

    static JsonNode truth(String vm) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "_sandbox/state?vm=" + vm))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).at("/vms/0");
    }

    /** The front steps as a plan of their own, run by the real runner. */
    static UpgradePlan plan() {
        FactsGatherer gatherer = new FactsGatherer(cloud, false);
        Assessor assessor = new Assessor(StandardRules.all());
        return new UpgradePlan(List.of(new InspectStep(cloud), new AssessStep(cloud, gatherer, assessor),
                new GuestProbeStep(cloud, gatherer, assessor), new GuestValidateStep(cloud), new ProtectStep(cloud)),
                Set.of(), Set.of(), List.of(), List.of());
    }

    static SqliteJournal run(Path dir, String campaign, VmOptions options, String... vms) throws Exception {
        return run(dir, plan(), campaign, options, vms);
    }

    static SqliteJournal run(Path dir, UpgradePlan plan, String campaign, VmOptions options, String... vms) throws Exception {
        Files.createDirectories(dir);
        SqliteJournal journal = SqliteJournal.open(dir.resolve("journal.db"));
        journal.createCampaign(new Campaign(campaign, java.time.Instant.now(), "{}", "test", CampaignState.RUNNING));
        for (String vm : vms) {
            journal.saveVm(CampaignVm.pending(campaign, ref(vm).id(), options.toJson()));
        }
        new UpgradeRunner(journal, cloud, plan, new Timing(Duration.ofMillis(100), Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ofSeconds(60), Duration.ofMinutes(1)),
                Clock.systemUTC(), 5, 2, null).run(campaign);
        return journal;
    }

    static CampaignVm row(SqliteJournal journal, String campaign, String vm) {
        return journal.vm(campaign, ref(vm).id()).orElseThrow();
    }

    static JsonNode detail(SqliteJournal journal, String campaign, String vm, String step) throws Exception {
        List<StepAttempt> attempts = journal.attempts(campaign, ref(vm).id());
        StepAttempt last = attempts.stream().filter(a -> a.key().step().equals(step) && a.state() == AttemptState.COMPLETED)
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(step + " did not complete for " + vm + ": " + attempts));
        return JSON.readTree(last.detailJson());
    }

    @Test
    void noRoomForTheEspIsMadeByShrinkingCThenValidatedAndProtected(@TempDir Path dir) throws Exception {
        long before = truth("win-noroom").path("guest").path("freeSpaceMb").asLong();
        SqliteJournal journal = run(dir, "c-noroom", VmOptions.defaults(), "win-noroom", "win-ok");
        try {
            CampaignVm noRoom = row(journal, "c-noroom", "win-noroom");
            assertEquals(VmState.UPGRADED, noRoom.state(), "the front steps went through: " + journal.attempts("c-noroom",
                    noRoom.vmId()));
            JsonNode validated = detail(journal, "c-noroom", "win-noroom", GuestValidateStep.NAME);
            assertEquals(0, validated.get("exitCode").asInt());
            assertEquals(101, validated.get("madeRoom").get("shrunkMb").asLong(), validated.toString());
            assertEquals("[\"vds\"]", validated.get("madeRoom").get("servicesEnabled").toString());
            JsonNode guest = truth("win-noroom").path("guest");
            assertEquals(before - 101, guest.path("freeSpaceMb").asLong(), "C: really gave up 101 MiB: " + guest);
            assertEquals(0, detail(journal, "c-noroom", "win-noroom", GuestProbeStep.NAME).get("diskNumber").asInt());
            JsonNode protect = detail(journal, "c-noroom", "win-noroom", ProtectStep.NAME);
            assertTrue(protect.get(ProtectStep.OS_DISK_RESTORE_POINT_ID).asText().contains("/diskRestorePoints/"), protect.toString());
            assertEquals(protect.get(ProtectStep.RESTORE_POINT_ID).asText(), noRoom.restorePointId());
            assertTrue(detail(journal, "c-noroom", "win-ok", AssessStep.NAME).get(AssessStep.SECURE_BOOT).asBoolean());
            assertEquals(VmState.UPGRADED, row(journal, "c-noroom", "win-ok").state());
            assertTrue(detail(journal, "c-noroom", "win-ok", GuestValidateStep.NAME).path("madeRoom").isMissingNode(),
                    "a VM with room is not shrunk");
        } finally {
            journal.close();
        }
    }

    @Test
    void aFailedValidationFetchesTheSetupLogsAndBlocksTheVmUntouched(@TempDir Path dir) throws Exception {
        SqliteJournal journal = run(dir, "c-fail", VmOptions.defaults(), "win-fail");
        try {
            CampaignVm vm = row(journal, "c-fail", "win-fail");
            assertEquals(VmState.BLOCKED, vm.state());
            Finding f = dev.trustlift.core.upgrade.FindingsJson.read(vm.findingsJson()).stream()
                    .filter(x -> x.rule().equals("UPG020")).findFirst().orElseThrow();
            assertEquals(2, f.evidence().get("exitCode"));
            assertEquals("internal error", f.evidence().get("meaning"));
            List<Artifact> artifacts = journal.artifacts("c-fail", vm.vmId());
            Artifact act = artifacts.stream().filter(a -> a.name().equals("setupact.log")).findFirst().orElseThrow();
            String log = Files.readString(journal.artifactFolder().resolve(act.relativePath()), StandardCharsets.UTF_8);
            assertTrue(log.contains("internal error"), log);
            assertTrue(artifacts.stream().anyMatch(a -> a.name().equals("setuperr.log")), artifacts.toString());
            assertEquals("Standard", truth("win-fail").path("securityType").asText("Standard"), "nothing changed");
            assertEquals(null, vm.restorePointId(), "blocked before protect");
        } finally {
            journal.close();
        }
    }

    @Test
    void aDeallocatedVmIsBlockedWithTl040UnlessStartStoppedStartsIt(@TempDir Path dir) throws Exception {
        SqliteJournal off = run(dir.resolve("off"), "c-off", VmOptions.defaults(), "win-off");
        try {
            CampaignVm vm = row(off, "c-off", "win-off");
            assertEquals(VmState.BLOCKED, vm.state());
            assertTrue(vm.findingsJson().contains("TL040"), vm.findingsJson());
            assertEquals("deallocated", truth("win-off").path("power").asText());
        } finally {
            off.close();
        }
        SqliteJournal started = run(dir.resolve("start"), "c-start", new VmOptions(null, true, MakeRoom.SHRINK), "win-start");
        try {
            assertEquals(VmState.UPGRADED, row(started, "c-start", "win-start").state(),
                    started.attempts("c-start", ref("win-start").id()).toString());
            assertTrue(detail(started, "c-start", "win-start", InspectStep.NAME).get("startedByTrustlift").asBoolean());
            assertEquals("running", truth("win-start").path("power").asText());
        } finally {
            started.close();
        }
    }

    @Test
    void anAgentThatCannotQuiesceGetsACrashConsistentPointAndAResumedCampaignReusesIt(@TempDir Path dir) throws Exception {
        UpgradePlan protectOnly = new UpgradePlan(List.of(new ProtectStep(cloud)), Set.of(), Set.of(), List.of(), List.of());
        SqliteJournal first = run(dir.resolve("first"), protectOnly, "c-agent", VmOptions.defaults(), "win-agentless");
        JsonNode taken;
        try {
            assertEquals(VmState.UPGRADED, row(first, "c-agent", "win-agentless").state());
            taken = detail(first, "c-agent", "win-agentless", ProtectStep.NAME);
            assertEquals("CrashConsistent", taken.get("consistency").asText(), taken.toString());
            assertTrue(taken.get("applicationConsistentRefused").asText().startsWith("VMAgentStatusCommunicationError"),
                    taken.toString());
        } finally {
            first.close();
        }
        // The same campaign again (a journal that lost the step's end): the point is found, not taken twice.
        SqliteJournal again = run(dir.resolve("again"), protectOnly, "c-agent", VmOptions.defaults(), "win-agentless");
        try {
            JsonNode reused = detail(again, "c-agent", "win-agentless", ProtectStep.NAME);
            assertTrue(reused.get("reused").asBoolean());
            assertEquals(taken.get(ProtectStep.RESTORE_POINT_ID), reused.get(ProtectStep.RESTORE_POINT_ID));
            assertTrue(cloud.findRestorePoint(ref("win-agentless"), dev.trustlift.core.upgrade.UpgradeNames
                    .restorePointCollection(ref("win-agentless")), dev.trustlift.core.upgrade.UpgradeNames.restorePoint("c-agent"))
                    .isEmpty(), "no application-consistent point was created beside it");
        } finally {
            again.close();
        }
    }
}
