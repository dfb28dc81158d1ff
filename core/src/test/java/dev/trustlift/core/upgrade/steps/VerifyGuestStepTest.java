package dev.trustlift.core.upgrade.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.guest.GuestVerification;
import dev.trustlift.core.journal.Artifact;
import dev.trustlift.core.upgrade.StepCalls;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.Timing;
import dev.trustlift.core.upgrade.VmOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyGuestStepTest {
    @TempDir
    Path dir;
    private final AfterStartCloud cloud = new AfterStartCloud();
    private final VerifyGuestStep step = new VerifyGuestStep(cloud);
    private final Timing timing = Timing.defaults().withGuestTimeout(Duration.ofMinutes(10));
    private StepCalls calls;

    @BeforeEach
    void open() {
        calls = new StepCalls(dir, AfterStartCloud.REF, VmOptions.defaults(), timing);
    }

    @AfterEach
    void close() {
        calls.close();
    }

    private void guestSays(String stdout) {
        cloud.guest = c -> new ScriptResult(0, stdout, "");
    }

    @Test
    void aReadyTrustedLaunchGuestIsVerifiedByOneRunOfTheScript() {
        guestSays(GuestOutputs.verifyWindows(true, true));
        StepResult.Await await = assertInstanceOf(StepResult.Await.class, calls.call(step));
        assertEquals(VerifyGuestStep.LABEL, await.label());
        assertEquals(List.of(GuestScripts.VERIFY_WINDOWS), cloud.scriptsRun());
        calls.succeeded();
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("UEFI", done.detail().path("firmware").asText());
        assertTrue(done.detail().path("secureBoot").asBoolean());
        assertEquals(2, done.detail().path("tpmVersion").asInt());
        assertEquals("2023", done.detail().at("/certificates/status").asText());
        assertEquals(List.of(await.operation().requestId()), done.requestIds());
        assertEquals(List.of(), calls.vm().findings());
        assertEquals(1, cloud.runs.size(), "the result is read back, the script is not run again");
    }

    @Test
    void theAgentIsAwaitedThenAGuestThatNeverBootsFailsWithItsSerialLogSaved() throws Exception {
        cloud.agent = "Not Ready";
        cloud.serialLog = "SeaBIOS (version 1.16)\r\nBooting from Hard Disk...\r\n\u001B[2J\u001B[1;1H"
                + "Boot failed: not a bootable disk\r\n\r\n   \r\n";
        StepResult.Later later = assertInstanceOf(StepResult.Later.class, calls.call(step));
        assertEquals(timing.guestPoll(), later.after());
        assertTrue(later.why().contains("Not Ready"), later.why());
        calls.advance(Duration.ofMinutes(9));
        assertInstanceOf(StepResult.Later.class, calls.call(step));
        assertEquals(0, cloud.serialLogReads);
        calls.advance(Duration.ofMinutes(2));
        StepResult.Failed failed = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertEquals("AgentNotReady", failed.code());
        assertFalse(failed.retryable());
        assertTrue(failed.message().contains("serial-console.log") && failed.message().contains("Boot failed: not a bootable disk"),
                failed.message());
        assertEquals("Boot failed: not a bootable disk", failed.detail().at("/serialLog/lastLine").asText());
        assertEquals(660, failed.detail().path("waitedSeconds").asLong(), "from the attempt's start, by the journal's clock");
        List<Artifact> saved = calls.journal().artifacts(StepCalls.CAMPAIGN, AfterStartCloud.REF.id());
        assertEquals(1, saved.size());
        assertEquals("serial-console.log", saved.get(0).name());
        assertEquals(cloud.serialLog, Files.readString(calls.journal().artifactFolder().resolve(saved.get(0).relativePath()),
                StandardCharsets.UTF_8));
        assertTrue(cloud.runs.isEmpty(), "no script is sent to a guest whose agent is not Ready");
    }

    @Test
    void aSerialLogThatCannotBeReadIsSaidInTheFailure() {
        cloud.agent = null;
        cloud.serialLogFailure = new CloudException("BootDiagnosticsUnavailable", "boot diagnostics is off", 0, null, null);
        calls.call(step);
        calls.advance(Duration.ofMinutes(11));
        StepResult.Failed failed = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertEquals("AgentNotReady", failed.code());
        assertTrue(failed.message().contains("could not be read") && failed.message().contains("boot diagnostics is off"),
                failed.message());
        assertTrue(calls.journal().artifacts(StepCalls.CAMPAIGN, AfterStartCloud.REF.id()).isEmpty());
    }

    @Test
    void the2011CertificatesOnlyAreAWarningWithTheKbFixAndTheVmPasses() {
        guestSays(GuestOutputs.verifyWindows(true, false));
        calls.call(step);
        calls.succeeded();
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("2011-only", done.detail().at("/certificates/status").asText());
        assertFalse(done.detail().at("/certificates/db2023").asBoolean(true));
        List<Finding> findings = calls.vm().findings();
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(VerifyGuestStep.CERTIFICATES_2011, f.rule());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(GuestVerification.CERTIFICATE_FIX, f.remediation());
        assertTrue(f.remediation().contains("KB5085395"));
        assertTrue(f.message().contains("not signed by Windows UEFI CA 2023"), f.message());
    }

    @Test
    void secureBootOffWhenAskedOnFailsTheVm() {
        guestSays(GuestOutputs.verifyWindows(false, true));
        calls.call(step);
        calls.succeeded();
        StepResult.Failed failed = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertEquals("GuestNotTrustedLaunch", failed.code());
        assertFalse(failed.retryable());
        assertTrue(failed.message().contains("Secure Boot is off, asked on"), failed.message());
        assertFalse(failed.detail().path("secureBoot").asBoolean(true));
    }

    @Test
    void secureBootOffIsRightWhenAssessTurnedItOff() {
        calls.completed("assess", "{\"secureBoot\": false}");
        guestSays(GuestOutputs.verifyWindows(false, true));
        calls.call(step);
        calls.succeeded();
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertFalse(done.detail().path("secureBootWanted").asBoolean(true));
    }

    @Test
    void aGuestThatBootedBiosFailsWithEveryProblemNamed() {
        guestSays(GuestOutputs.VERIFY_WINDOWS_BIOS);
        calls.call(step);
        calls.succeeded();
        StepResult.Failed failed = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertTrue(failed.message().contains("BIOS firmware, not UEFI") && failed.message().contains("no TPM 2.0"), failed.message());
    }

    @Test
    void aLinuxGuestRunsTheLinuxScript() {
        cloud.os = OsType.LINUX;
        guestSays(GuestOutputs.VERIFY_LINUX);
        calls.call(step);
        assertEquals(List.of(GuestScripts.VERIFY_LINUX), cloud.scriptsRun());
        calls.succeeded();
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("2023", done.detail().at("/certificates/status").asText());
    }

    @Test
    void aRunCommandThatArmFailedIsRetryable() {
        guestSays(GuestOutputs.verifyWindows(true, true));
        calls.call(step);
        cloud.view = null;
        calls.end(OperationState.Status.FAILED, "VMAgentStatusCommunicationError", "the VM agent is not responding");
        StepResult.Failed failed = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertEquals("VMAgentStatusCommunicationError", failed.code());
        assertTrue(failed.retryable());
    }

    @Test
    void anOutputWithoutTheScriptsSectionsIsRetryable() {
        cloud.guest = c -> new ScriptResult(1, "", "powershell.exe is not recognized");
        calls.call(step);
        calls.succeeded();
        StepResult.Failed failed = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertEquals("VerifyGuestUnanswered", failed.code());
        assertTrue(failed.retryable());
        assertTrue(failed.message().contains("powershell.exe is not recognized"), failed.message());
    }

    @Test
    void afterACrashTheJournaledRunIsReadBackNotSentAgain() {
        guestSays(GuestOutputs.verifyWindows(true, true));
        calls.call(step);
        calls.crash();
        assertEquals(VerifyGuestStep.LABEL, calls.pendingLabel(), "the new process re-attaches to the journaled run");
        calls.succeeded();
        assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals(1, cloud.runs.size());
    }

    @Test
    void aViewThatHoldsAnotherScriptIsNotReadAsThisOnesResult() {
        guestSays(GuestOutputs.verifyWindows(true, true));
        calls.call(step);
        // someone re-PUT the run command with another script before the result was read
        cloud.view = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "== $env:firmware_type ==\nLegacy\n", "",
                null, null, String.join("\n", GuestScripts.MBR2GPT_VALIDATE.lines()));
        calls.succeeded();
        assertInstanceOf(StepResult.Await.class, calls.call(step), "verify-guest runs again");
        assertEquals(2, cloud.runs.size());
        calls.succeeded();
        assertInstanceOf(StepResult.Done.class, calls.call(step));
    }

    @Test
    void aRunThisAttemptSentBeforeACrashIsWaitedForNotSentAgain() {
        // ARM accepted the PUT (its run started at the attempt's start) but the journal never heard of it
        cloud.view = new RunCommandView("trustlift", "Succeeded", "Running", null, null, "", "",
                java.time.Instant.parse("2026-12-08T04:00:00Z"), null, String.join("\n", GuestScripts.VERIFY_WINDOWS.lines()));
        StepResult.Later later = assertInstanceOf(StepResult.Later.class, calls.call(step));
        assertTrue(later.why().contains("still running"), later.why());
        assertTrue(cloud.runs.isEmpty());
    }

    @Test
    void aRunOfAnEarlierStepIsNotWaitedForNorRead() {
        cloud.view = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "== MBR2GPT.exe /convert ==\n", "",
                java.time.Instant.parse("2026-12-08T03:00:00Z"), null, String.join("\n", GuestScripts.MBR2GPT_CONVERT.lines()));
        guestSays(GuestOutputs.verifyWindows(true, true));
        assertInstanceOf(StepResult.Await.class, calls.call(step));
        assertEquals(List.of(GuestScripts.VERIFY_WINDOWS), cloud.scriptsRun());
    }

    @Test
    void aVmStoppedAfterStartIsNotWaitedFor() {
        cloud.power = PowerState.DEALLOCATED;
        cloud.agent = null;
        StepResult.Failed failed = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertEquals("VmNotRunning", failed.code());
        assertEquals(0, cloud.serialLogReads);
    }
}
