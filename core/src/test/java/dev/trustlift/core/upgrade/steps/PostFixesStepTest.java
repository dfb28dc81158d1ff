package dev.trustlift.core.upgrade.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.upgrade.StepCalls;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.Timing;
import dev.trustlift.core.upgrade.VmOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostFixesStepTest {
    @TempDir
    Path dir;
    private final AfterStartCloud cloud = new AfterStartCloud();
    private final PostFixesStep step = new PostFixesStep(cloud);
    private final Timing timing = Timing.defaults().withGuestTimeout(Duration.ofMinutes(10));
    private final WindowsGuest guest = new WindowsGuest();
    private StepCalls calls;

    /**
     * A converted Windows guest as drive-letter-fix.ps1 and winre-resync.ps1 see it: who holds D:
     * (disk 0 is the OS disk, 1 the temporary disk), the page file setting, the temporary volume's
     * letter, WinRE. It acts as the scripts do, by Mode, so the step is held to the real sequence.
     */
    static final class WindowsGuest {
        Integer dDisk = 1;
        String pageFile = "D";
        String tempLetter = "D";
        String winReIdAfter = "8a0fc2b1-1c4e-11ee-9d3b-000d3a5c1e2f";
        final List<String> modes = new ArrayList<>();

        void systemReservedTookD() {
            dDisk = 0;
            tempLetter = "E";
        }

        ScriptResult answer(ManagedRunCommand c) {
            GuestScripts script = AfterStartCloud.scriptOf(c);
            if (script == GuestScripts.WINRE_RESYNC) {
                return new ScriptResult(0, GuestOutputs.winReResynced(winReIdAfter), "");
            }
            if (script != GuestScripts.DRIVE_LETTER_FIX) {
                throw new AssertionError("post-fixes ran " + script);
            }
            assertEquals("0", AfterStartCloud.parameter(c, "DiskNumber"), "the OS disk's number from the journal");
            String mode = AfterStartCloud.parameter(c, "Mode");
            modes.add(mode);
            String dBefore = d();
            String pageBefore = GuestOutputs.pageFile(pageFile);
            if ("fix".equals(mode)) {
                if (dDisk != null && dDisk == 0 && pageFile.equals("D")) {
                    pageFile = "C";
                } else if (dDisk != null && dDisk == 0) {
                    dDisk = null;
                } else if (dDisk == null && tempLetter != null) {
                    tempLetter = "D";
                    dDisk = 1;
                }
            }
            return new ScriptResult(0, GuestOutputs.driveLetters(dBefore, pageBefore, d(), GuestOutputs.pageFile(pageFile),
                    tempLetter == null ? "" : GuestOutputs.tempVolume(tempLetter)), "");
        }

        private String d() {
            return dDisk == null ? "" : dDisk == 0 ? GuestOutputs.partition(0, 1, 524288000L) : GuestOutputs.partition(1, 1, 8587837440L);
        }
    }

    @BeforeEach
    void open() {
        calls = new StepCalls(dir, AfterStartCloud.REF, VmOptions.defaults(), timing);
        cloud.guest = guest::answer;
    }

    @AfterEach
    void close() {
        calls.close();
    }

    private void converted(boolean reagentWarning) {
        calls.completed("guest-convert", "{\"diskNumber\": 0, \"reagentWarning\": " + reagentWarning + "}");
    }

    /** Ends every operation the step starts, successfully, until it is done; returns the labels in order. */
    private List<String> runThrough() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StepResult r = calls.call(step);
            if (r instanceof StepResult.Await a) {
                labels.add(a.label());
                calls.succeeded();
            } else if (r instanceof StepResult.Done) {
                return labels;
            } else {
                throw new AssertionError("unexpected " + r + " after " + labels);
            }
        }
        throw new AssertionError("never done: " + labels);
    }

    private ObjectNode lastDetail() {
        return calls.vm().detailOf(PostFixesStep.NAME).orElseThrow();
    }

    @Test
    void linuxNeedsNone() {
        cloud.os = OsType.LINUX;
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("Linux", done.detail().path("os").asText());
        assertTrue(cloud.runs.isEmpty());
    }

    @Test
    void aGuestWhoseTemporaryDiskHoldsDIsOnlyChecked() {
        converted(false);
        assertEquals(List.of("run-command:drive-letters-detect"), runThrough());
        assertEquals(List.of("detect"), guest.modes);
        ObjectNode d = lastDetail();
        assertEquals("not needed", d.at("/driveLetters/result").asText());
        assertFalse(d.at("/driveLetters/systemReservedTookD").asBoolean(true));
        assertEquals("not needed", d.at("/winre/result").asText());
        assertEquals(0, cloud.restarts);
        assertEquals(List.of(), calls.vm().findings());
    }

    @Test
    void aTemporaryDiskTheOwnerMovedOffDIsLeftAlone() {
        converted(false);
        guest.dDisk = null;
        guest.tempLetter = "T";
        runThrough();
        assertEquals("T", guest.tempLetter, "detect changes nothing");
        assertEquals("not needed", lastDetail().at("/driveLetters/result").asText());
    }

    @Test
    void anOwnersLargePartitionWithDOnTheOsDiskIsLeftAlone() {
        converted(false);
        cloud.guest = c -> {
            guest.modes.add(AfterStartCloud.parameter(c, "Mode"));
            String big = GuestOutputs.partition(0, 3, 53687091200L);
            return new ScriptResult(0, GuestOutputs.driveLetters(big, GuestOutputs.pageFile("C"), big, GuestOutputs.pageFile("C"),
                    GuestOutputs.tempVolume("E")), "");
        };
        assertEquals(List.of("run-command:drive-letters-detect"), runThrough());
        assertEquals(List.of("detect"), guest.modes);
        ObjectNode d = lastDetail().with("driveLetters");
        assertFalse(d.path("systemReservedTookD").asBoolean(true));
        assertTrue(d.path("result").asText().contains("51200 MiB"), d.toString());
        assertEquals(List.of(), calls.vm().findings());
    }

    @Test
    void winReIsResyncedAfterMbr2GptsReAgentWarning() {
        converted(true);
        assertEquals(List.of(PostFixesStep.WINRE_LABEL, "run-command:drive-letters-detect"), runThrough());
        ObjectNode d = lastDetail();
        assertTrue(d.at("/winre/resynced").asBoolean());
        assertTrue(d.at("/winre/inSync").asBoolean());
        assertEquals("resynced", d.at("/winre/result").asText());
        assertEquals(List.of(), calls.vm().findings());
    }

    @Test
    void winReStillOutOfSyncIsAWarning() {
        converted(true);
        guest.winReIdAfter = "11111111-1c4e-11ee-9d3b-000d3a5c1e2f";
        runThrough();
        Finding f = calls.vm().findings().get(0);
        assertEquals(PostFixesStep.WINRE_NOT_IN_SYNC, f.rule());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.remediation().contains("reagentc /disable"), f.remediation());
        assertEquals("not in sync", lastDetail().at("/winre/result").asText());
    }

    @Test
    void systemReservedOnDIsFixedPhaseByPhaseWithARestartBetween() {
        converted(false);
        guest.systemReservedTookD();
        List<Integer> restartedAtRun = new ArrayList<>();
        cloud.onRestart = () -> restartedAtRun.add(guest.modes.size());
        assertEquals(List.of("run-command:drive-letters-detect", "run-command:drive-letter-fix:1", "restart:drive-letter-fix:1",
                "run-command:drive-letter-fix:2", "restart:drive-letter-fix:2", "run-command:drive-letter-fix:3"), runThrough());
        assertEquals(List.of("detect", "fix", "fix", "fix"), guest.modes);
        assertEquals(List.of(2, 3), restartedAtRun, "a restart after the page file move and after the letter's removal");
        assertEquals("D", guest.tempLetter);
        assertEquals("C", guest.pageFile);
        ObjectNode d = lastDetail().with("driveLetters");
        assertEquals("fixed", d.path("result").asText());
        assertTrue(d.path("systemReservedTookD").asBoolean());
        assertEquals("[\"PAGE_FILE_MOVED\",\"LETTER_REMOVED\",\"TEMP_DISK_IS_D\"]", d.path("phases").toString());
        assertEquals(2, d.path("restarts").asInt());
        assertEquals(List.of(), calls.vm().findings());
    }

    @Test
    void theGuestIsAwaitedAfterARestartAndOneThatNeverComesBackFailsTheVm() {
        converted(false);
        guest.systemReservedTookD();
        cloud.onRestart = () -> cloud.agent = "Not Ready";
        cloud.serialLog = "Windows Boot Manager\nStatus: 0xc000000e\nInfo: The boot selection failed\n";
        calls.call(step);
        calls.succeeded();
        calls.call(step);
        calls.succeeded();
        assertInstanceOf(StepResult.Await.class, calls.call(step));
        calls.succeeded();
        StepResult.Later later = assertInstanceOf(StepResult.Later.class, calls.call(step));
        assertTrue(later.why().contains("after the restart"), later.why());
        calls.advance(Duration.ofMinutes(11));
        StepResult.Failed failed = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertEquals("AgentNotReadyAfterRestart", failed.code());
        assertFalse(failed.retryable());
        assertTrue(failed.message().contains("Info: The boot selection failed"), failed.message());
        assertEquals("serial-console.log", calls.journal().artifacts(StepCalls.CAMPAIGN, AfterStartCloud.REF.id()).get(0).name());
    }

    @Test
    void aFailedRestartIsAWarningAndTheVmStaysUpgraded() {
        converted(false);
        guest.systemReservedTookD();
        calls.call(step);
        calls.succeeded();
        calls.call(step);
        calls.succeeded();
        assertEquals("restart:drive-letter-fix:1", ((StepResult.Await) calls.call(step)).label());
        calls.end(OperationState.Status.FAILED, "OperationNotAllowed", "another operation is in progress");
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("failed", done.detail().at("/driveLetters/result").asText());
        Finding f = calls.vm().findings().get(0);
        assertEquals(DriveLetterFix.DRIVE_LETTERS, f.rule());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("OperationNotAllowed"), f.message());
    }

    @Test
    void afterACrashBetweenPhasesTheStepGoesOnFromTheJournaledRestart() {
        converted(true);
        guest.systemReservedTookD();
        for (int i = 0; i < 3; i++) {
            calls.call(step);
            calls.succeeded();
        }
        assertEquals("restart:drive-letter-fix:1", ((StepResult.Await) calls.call(step)).label());
        calls.crash();
        assertEquals("restart:drive-letter-fix:1", calls.pendingLabel());
        calls.succeeded();
        List<String> rest = runThrough();
        assertEquals(List.of("run-command:drive-letter-fix:2", "restart:drive-letter-fix:2", "run-command:drive-letter-fix:3"), rest,
                "neither WinRE nor the detection runs again");
        assertEquals("fixed", lastDetail().at("/driveLetters/result").asText());
        assertEquals(2, cloud.restarts);
    }

    @Test
    void aTemporaryDiskThatDoesNotTakeDIsAWarning() {
        converted(false);
        guest.systemReservedTookD();
        guest.pageFile = "C";
        guest.tempLetter = null;
        runThrough();
        Finding f = calls.vm().findings().get(0);
        assertEquals(DriveLetterFix.DRIVE_LETTERS, f.rule());
        assertTrue(f.message().contains("the temporary disk did not take it"), f.message());
    }

    @Test
    void aRunCommandArmCouldNotRunIsRetriedByTheRunnerThenAWarning() {
        converted(true);
        for (int attempt = 1; attempt <= 4; attempt++) {
            StepResult.Await a = assertInstanceOf(StepResult.Await.class, calls.call(step));
            assertEquals(PostFixesStep.WINRE_LABEL, a.label(), "attempt " + attempt + " starts over");
            cloud.view = null;
            calls.end(OperationState.Status.FAILED, "VMAgentStatusCommunicationError", "the agent did not answer");
            StepResult r = calls.call(step);
            if (attempt < 4) {
                StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, r, "attempt " + attempt);
                assertTrue(f.retryable());
                assertEquals(List.of(), calls.vm().findings());
            } else {
                assertEquals("run-command:drive-letters-detect", assertInstanceOf(StepResult.Await.class, r).label(),
                        "the last attempt gives WinRE up with a warning and goes on");
                assertEquals(PostFixesStep.WINRE_NOT_IN_SYNC, calls.vm().findings().get(0).rule());
            }
        }
    }

    @Test
    void aGuestThatCannotAnswerTheCheckIsAWarning() {
        converted(false);
        cloud.guest = c -> new ScriptResult(127, "== Get-Partition -DriveLetter D (before) ==\n",
                "Win32_PageFileSetting: not emulated");
        runThrough();
        Finding f = calls.vm().findings().get(0);
        assertEquals(DriveLetterFix.DRIVE_LETTERS, f.rule());
        assertTrue(f.message().contains("could not be checked") && f.message().contains("exit 127"), f.message());
        assertEquals(127, f.evidence().get("exitCode"));
    }

    @Test
    void withoutTheOsDiskNumberNothingIsRunOnTheDriveLetters() {
        calls.completed("guest-convert", "{\"reagentWarning\": false}");
        assertEquals(List.of(), runThrough());
        assertFalse(lastDetail().at("/driveLetters/checked").asBoolean(true));
    }

    @Test
    void aTransientCloudErrorIsRetriedByTheRunnerAndALastOneIsAWarning() {
        converted(false);
        guest.systemReservedTookD();
        calls.call(step);
        calls.succeeded();
        calls.call(step);
        calls.succeeded();
        cloud.onRestart = () -> {
            throw new CloudException("Conflict", "busy", 409, "req-409", null);
        };
        assertThrows(CloudException.class, () -> calls.call(step), "attempts left: the runner retries");
        assertEquals(List.of(), calls.vm().findings());
        cloud.onRestart = () -> {
            throw new CloudException("BadRequest", "restart is not supported", 400, "req-400", null);
        };
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("failed", done.detail().at("/driveLetters/result").asText());
        assertTrue(calls.vm().findings().get(0).message().contains("restart is not supported"));
    }
}
