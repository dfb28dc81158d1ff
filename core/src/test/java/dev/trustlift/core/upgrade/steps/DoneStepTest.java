package dev.trustlift.core.upgrade.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.OperationState;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.RunCommandView;
import dev.trustlift.core.upgrade.StepCalls;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.Timing;
import dev.trustlift.core.upgrade.VmOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoneStepTest {
    @TempDir
    Path dir;
    private final AfterStartCloud cloud = new AfterStartCloud();
    private final DoneStep step = new DoneStep(cloud);
    private StepCalls calls;

    @BeforeEach
    void open() {
        calls = new StepCalls(dir, AfterStartCloud.REF, VmOptions.defaults(), Timing.defaults());
        cloud.view = new RunCommandView("trustlift", "Succeeded", "Succeeded", null, 0, "== x ==", "", null, null, "# verify-guest.ps1 version 1");
    }

    @AfterEach
    void close() {
        calls.close();
    }

    @Test
    void theRunCommandIsDeletedAndTheDeletionReadBack() {
        StepResult.Await await = assertInstanceOf(StepResult.Await.class, calls.call(step));
        assertEquals(DoneStep.LABEL, await.label());
        calls.succeeded();
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("deleted", done.detail().path("runCommand").asText());
        assertEquals(List.of(await.operation().requestId()), done.requestIds());
        assertEquals(1, cloud.deletes);
    }

    @Test
    void noRunCommandMeansNothingToDelete() {
        cloud.view = null;
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("absent", done.detail().path("runCommand").asText());
        assertEquals(0, cloud.deletes);
    }

    @Test
    void aCanNotDeleteLockLeavesTheRunCommandWithAWarningNotAFailure() {
        cloud.locks = List.of(new ResourceLock("rg-lock-cannotdelete", ResourceLock.Level.CAN_NOT_DELETE,
                "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-app"));
        cloud.deleteRefusal = new CloudException("ScopeLocked", "The scope '.../runCommands/trustlift' cannot perform delete "
                + "operation because following scope(s) are locked: '/subscriptions/.../resourceGroups/rg-app'.", 409, "req-lock", null);
        StepResult.Done done = assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals("left", done.detail().path("runCommand").asText());
        List<Finding> findings = calls.vm().findings();
        assertEquals(1, findings.size());
        Finding f = findings.get(0);
        assertEquals(DoneStep.RUN_COMMAND_LEFT, f.rule());
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().startsWith("run command trustlift left on the VM because of lock rg-lock-cannotdelete"), f.message());
        assertTrue(f.remediation().contains("az vm run-command delete --resource-group rg-app --vm-name win01 --name trustlift"),
                f.remediation());
        assertTrue(f.evidence().get("arm").toString().contains("are locked"), f.evidence().toString());
    }

    @Test
    void aLockThatFailsTheDeleteOperationIsTheSameWarning() {
        calls.call(step);
        calls.end(OperationState.Status.FAILED, "ScopeLocked", "following scope(s) are locked");
        assertInstanceOf(StepResult.Done.class, calls.call(step));
        assertEquals(DoneStep.RUN_COMMAND_LEFT, calls.vm().findings().get(0).rule());
        assertTrue(calls.vm().findings().get(0).message().endsWith("because of a lock"), "no lock listed: " + calls.vm().findings());
    }

    @Test
    void anotherFailureOfTheDeleteIsRetried() {
        calls.call(step);
        calls.end(OperationState.Status.FAILED, "InternalServerError", "try again");
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, calls.call(step));
        assertEquals("InternalServerError", f.code());
        assertTrue(f.retryable());
        assertEquals(List.of(), calls.vm().findings());
    }

    @Test
    void afterACrashTheJournaledDeleteIsFollowedNotSentAgain() {
        calls.call(step);
        calls.crash();
        assertEquals(DoneStep.LABEL, calls.pendingLabel());
        calls.succeeded();
        assertEquals("deleted", assertInstanceOf(StepResult.Done.class, calls.call(step)).detail().path("runCommand").asText());
        assertEquals(1, cloud.deletes);
    }
}
