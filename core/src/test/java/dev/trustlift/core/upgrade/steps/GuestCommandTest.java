package dev.trustlift.core.upgrade.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.ManagedRunCommand;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.guest.GuestScripts;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.UpgradeNames;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestCommandTest {
    static final GuestScript VALIDATE = GuestScripts.MBR2GPT_VALIDATE.script(Map.of("DiskNumber", "2"));
    static final List<ManagedRunCommand.Parameter> VALIDATE_PARAMETERS = List.of(new ManagedRunCommand.Parameter("DiskNumber", "2"));
    @TempDir
    Path dir;
    StepHarness h;
    StepCloud cloud;
    GuestCommand command;
    VmUpgrade vm;

    @BeforeEach
    void setUp() {
        h = new StepHarness(dir);
        cloud = new StepCloud(h.clock(), OsType.WINDOWS, "Windows Server 2019 Datacenter", "10.0.17763.6054");
        cloud.guest = c -> new ScriptResult(0, "== MBR2GPT.exe /validate ==\nMBR2GPT: Validation completed successfully\n", "");
        command = new GuestCommand(cloud);
        vm = h.vm(StepCloud.REF, VmOptions.defaults());
        h.begin(vm, new GuestValidateStep(cloud));
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void theFirstCallPutsTheScriptAsTheOneManagedRunCommandWithItsParameters() {
        GuestCommand.Pending p = assertInstanceOf(GuestCommand.Pending.class, command.run(vm, "eastus", "run-command:x", VALIDATE));
        StepResult.Await a = assertInstanceOf(StepResult.Await.class, p.next());
        assertEquals("run-command:x", a.label());
        assertEquals(OperationKind.RUN_COMMAND, a.operation().kind());
        ManagedRunCommand sent = cloud.commands.get(0);
        assertEquals(UpgradeNames.RUN_COMMAND, sent.name());
        assertEquals(List.of(new ManagedRunCommand.Parameter("DiskNumber", "2")), sent.parameters());
        assertEquals(GuestScripts.MBR2GPT_VALIDATE.lines(), sent.script(), "the resource file as it is: no user data spliced in");
    }

    @Test
    void onceItsOperationEndedTheResultIsReadFromTheRunCommandsView() {
        StepResult r = ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:x", VALIDATE)).next();
        h.ended(vm, r, Status.SUCCEEDED, null);
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Failed", null, 7, "out", "err",
                h.clock().instant(), h.clock().instant(), String.join("\n", VALIDATE.lines()), VALIDATE_PARAMETERS);
        GuestCommand.Ran ran = assertInstanceOf(GuestCommand.Ran.class, command.run(vm, "eastus", "run-command:x", VALIDATE));
        assertEquals(new ScriptResult(7, "out", "err"), ran.result());
        assertEquals(1, cloud.commands.size(), "read back, not sent again");
    }

    @Test
    void anOperationThatFailedWithoutAnEndedScriptIsARetryableFailure() {
        StepResult r = ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:x", VALIDATE)).next();
        h.ended(vm, r, Status.FAILED, "VMAgentStatusCommunicationError");
        cloud.runCommand = new RunCommandView("trustlift", "Failed", "Pending", null, null, null, null, null, null, String.join("\n", VALIDATE.lines()), VALIDATE_PARAMETERS);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class,
                ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:x", VALIDATE)).next());
        assertEquals("VMAgentStatusCommunicationError", f.code());
        assertTrue(f.retryable());
    }

    @Test
    void afterARestartARunThatStartedInThisAttemptIsReadBackNotSentAgain() {
        command.run(vm, "eastus", "run-command:x", VALIDATE);
        VmUpgrade resumed = h.restart(vm, null); // died before the runner journaled the PUT
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Running", null, null, "", "",
                h.clock().instant(), null, String.join("\n", VALIDATE.lines()), VALIDATE_PARAMETERS);
        StepResult.Later later = assertInstanceOf(StepResult.Later.class,
                ((GuestCommand.Pending) command.run(resumed, "eastus", "run-command:x", VALIDATE)).next());
        assertTrue(later.why().contains("still running"), later.why());
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "done", "",
                h.clock().instant(), h.clock().instant(), String.join("\n", VALIDATE.lines()), VALIDATE_PARAMETERS);
        GuestCommand.Ran ran = assertInstanceOf(GuestCommand.Ran.class, command.run(resumed, "eastus", "run-command:x", VALIDATE));
        assertEquals("done", ran.result().stdout());
        assertEquals(1, cloud.commands.size());
    }

    @Test
    void aRunFromBeforeThisAttemptIsAnEarlierStepsAndTheScriptIsSent() {
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "probe output", "",
                h.clock().instant().minus(Duration.ofMinutes(3)), h.clock().instant().minus(Duration.ofMinutes(2)), String.join("\n", VALIDATE.lines()), VALIDATE_PARAMETERS);
        assertInstanceOf(StepResult.Await.class,
                ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:x", VALIDATE)).next());
        assertEquals(1, cloud.commands.size());
    }

    @Test
    void theNextScriptOfAStepIsSentAfterTheFirstEnded() {
        StepResult r = ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:first", VALIDATE)).next();
        h.ended(vm, r, Status.SUCCEEDED, null);
        StepResult.Await a = assertInstanceOf(StepResult.Await.class,
                ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:second", GuestScripts.MAKE_ROOM.script(
                        Map.of("Mode", "shrink", "ShrinkMb", "101")))).next());
        assertEquals("run-command:second", a.label());
        assertEquals(2, cloud.commands.size());
        assertEquals(GuestScripts.MAKE_ROOM.lines(), cloud.commands.get(1).script());
    }

    @Test
    void aRunFromBeforeARestartThatOutlivedTwiceItsTimeoutIsGivenUpAndTheScriptSentAgain() {
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Running", null, null, "", "",
                h.clock().instant(), null, String.join("\n", VALIDATE.lines()), VALIDATE_PARAMETERS);
        h.clock().advance(VALIDATE.timeout().multipliedBy(2).plusSeconds(1));
        assertInstanceOf(StepResult.Await.class,
                ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:x", VALIDATE)).next());
        assertEquals(1, cloud.commands.size());
    }

    @Test
    void aRunOfAnotherScriptSinceThisAttemptBeganIsNotTakenForThisOne() {
        StepResult r = ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:first", VALIDATE)).next();
        h.ended(vm, r, Status.SUCCEEDED, null);
        VmUpgrade resumed = h.restart(vm, null); // died after the second script's PUT was accepted, before it was journaled
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "validated", "",
                h.clock().instant(), h.clock().instant(), String.join("\n", VALIDATE.lines()), VALIDATE_PARAMETERS);
        GuestScript makeRoom = GuestScripts.MAKE_ROOM.script(Map.of("Mode", "shrink", "ShrinkMb", "101"));
        assertInstanceOf(StepResult.Await.class,
                ((GuestCommand.Pending) command.run(resumed, "eastus", "run-command:second", makeRoom)).next());
        assertEquals(GuestScripts.MAKE_ROOM.lines(), cloud.commands.get(cloud.commands.size() - 1).script(),
                "the validate run in the view is not the make-room run this call wants");
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "shrunk", "",
                h.clock().instant(), h.clock().instant(), String.join("\n", GuestScripts.MAKE_ROOM.lines()),
                ManagedRunCommand.of("trustlift", makeRoom).parameters());
        int sent = cloud.commands.size();
        VmUpgrade again = h.restart(resumed, null);
        GuestCommand.Ran ran = assertInstanceOf(GuestCommand.Ran.class, command.run(again, "eastus", "run-command:second", makeRoom));
        assertEquals("shrunk", ran.result().stdout());
        assertEquals(sent, cloud.commands.size(), "its own script's run is read back, not sent again");
    }

    @Test
    void theSameCommandAgainAfterARestartIsSentNotTakenFromTheRunBeforeTheRestart() {
        StepResult first = ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:fix:1", VALIDATE)).next();
        h.ended(vm, first, Status.SUCCEEDED, null);
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "phase 1", "",
                h.clock().instant(), h.clock().instant(), String.join("\n", VALIDATE.lines()), VALIDATE_PARAMETERS);
        h.clock().advance(Duration.ofMinutes(1));
        StepResult.Await restart = new StepResult.Await("restart:1", new dev.trustlift.core.cloud.OperationHandle(
                OperationKind.RESTART, StepCloud.REF.id(), dev.trustlift.core.cloud.OperationHandle.Polling.ASYNC_OPERATION,
                "https://management.azure.com/op-restart", "req-restart", h.clock().instant()));
        h.ended(vm, restart, Status.SUCCEEDED, null);
        h.clock().advance(Duration.ofMinutes(1));
        assertInstanceOf(StepResult.Await.class,
                ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:fix:2", VALIDATE)).next(),
                "the run in the view started before the restart: it is phase 1's");
        assertEquals(2, cloud.commands.size());
    }

    @Test
    void aViewOfAnotherCommandAfterThisRunEndedIsNotReadAsItsResult() {
        StepResult r = ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:x", VALIDATE)).next();
        h.ended(vm, r, Status.SUCCEEDED, null);
        GuestScript makeRoom = GuestScripts.MAKE_ROOM.script(Map.of("Mode", "shrink", "ShrinkMb", "101"));
        cloud.runCommand = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "shrunk", "",
                h.clock().instant(), h.clock().instant(), String.join("\n", GuestScripts.MAKE_ROOM.lines()),
                ManagedRunCommand.of("trustlift", makeRoom).parameters());
        assertInstanceOf(StepResult.Await.class,
                ((GuestCommand.Pending) command.run(vm, "eastus", "run-command:x", VALIDATE)).next(),
                "someone re-PUT the run command: this run's result is gone, so it runs again");
        assertEquals(2, cloud.commands.size());
    }
}
