package dev.trustlift.cli.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.Journal;
import dev.trustlift.core.journal.SqliteJournal;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal written by this version of trustlift (journals/upgrade-v1-parked.db, made by
 * {@link ParkedJournal}: a campaign stopped with every VM after guest-probe, its guest-validate
 * attempt open) is resumed by the current code on a fresh sandbox of the same fleet. Keep the file:
 * later versions must pass this test with it unchanged (Temporal's replay tests).
 */
class CommittedJournalResumeTest {
    static final String SUB = "55555555-5555-5555-5555-555555555555";

    @TempDir
    Path dir;

    @Test
    void theCommittedV1JournalResumesToTheEnd() throws Exception {
        Path journal = dir.resolve("parked.db");
        try (InputStream in = CommittedJournalResumeTest.class.getResourceAsStream("/journals/upgrade-v1-parked.db")) {
            Files.copy(in, journal);
        }
        try (Journal j = SqliteJournal.open(journal)) {
            String campaign = j.campaigns().get(0).id();
            List<StepAttempt> open = j.openAttempts(campaign);
            assertEquals(3, open.size(), "every VM parked with its guest-validate attempt open: " + open);
            assertTrue(open.stream().allMatch(a -> a.key().step().equals("guest-validate") && a.operationUrl() == null));
        }
        try (SandboxServer sandbox = SandboxServer.start(Fleet.parse(fleet(), "resume-v1"), 0)) {
            CliRun run = CliRun.of(Duration.ofMinutes(3), "resume", "--endpoint", sandbox.endpoint(), "--journal",
                    journal.toString(), "--yes");
            assertEquals(0, run.exitCode(), run.describe());
            JsonNode state = UpgradeEndToEndTest.state(sandbox);
            try (Journal j = SqliteJournal.open(journal)) {
                String campaign = j.campaigns().get(0).id();
                for (CampaignVm vm : j.vms(campaign)) {
                    assertEquals(VmState.UPGRADED, vm.state(), vm.toString());
                    List<String> steps = j.attempts(campaign, vm.vmId()).stream().map(a -> a.key().step()).toList();
                    assertEquals(1, steps.stream().filter("inspect"::equals).count(), "the steps done before are not repeated: " + steps);
                    String name = vm.vmId().substring(vm.vmId().lastIndexOf('/') + 1);
                    assertEquals("TrustedLaunch", UpgradeEndToEndTest.byName(state, name).get("securityType").asText());
                }
            }
        }
    }

    /** Two Windows Server 2022 VMs on MBR and one Ubuntu VM already GPT with an ESP. */
    static String fleet() {
        String vm = """
                {"subscription": "%s", "resourceGroup": "rg-resume", "name": "%s", "location": "eastus",
                 "size": "Standard_D2s_v5", "osType": "%s", "osName": "%s", "osVersion": "%s", "powerState": "running",
                 "agent": "Ready", "securityType": null,
                 "osDisk": {"name": "%s-os", "sizeGb": 127, "managed": true, "ephemeral": false, "hyperVGeneration": "V1",
                            "encryption": "none", "layout": "%s"},
                 "guest": {"bitlocker": "off", "freeSpaceMb": 20000}}""";
        return """
                {"timeScale": 0.001, "skus": "builtin", "subscriptions": [{"id": "%s", "displayName": "resume-v1"}],
                 "vms": [%s, %s, %s]}""".formatted(SUB,
                vm.formatted(SUB, "win-a", "Windows", "Windows Server 2022 Datacenter", "10.0.20348.2849", "win-a",
                        "windows-azure-default"),
                vm.formatted(SUB, "win-b", "Windows", "Windows Server 2022 Datacenter", "10.0.20348.2849", "win-b",
                        "windows-azure-default"),
                vm.formatted(SUB, "lin-c", "Linux", "ubuntu", "22.04", "lin-c", "linux-azure-gpt"));
    }
}
