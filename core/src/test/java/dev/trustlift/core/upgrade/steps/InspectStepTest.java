package dev.trustlift.core.upgrade.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.OperationKind;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectStepTest {
    static final VmOptions START_STOPPED = new VmOptions(null, true, MakeRoom.SHRINK);
    @TempDir
    Path dir;
    StepHarness h;
    StepCloud cloud;
    InspectStep step;

    @BeforeEach
    void setUp() {
        h = new StepHarness(dir);
        cloud = new StepCloud(h.clock(), OsType.WINDOWS, "Windows Server 2019 Datacenter", "10.0.17763.6054");
        step = new InspectStep(cloud);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    VmUpgrade begin(VmOptions options) {
        VmUpgrade vm = h.vm(StepCloud.REF, options);
        h.begin(vm, step);
        return vm;
    }

    @Test
    void aTrustedLaunchVmFinishesAlreadyTrustedLaunchWithoutAnyWrite() {
        cloud.vm = StepCloud.vm(OsType.WINDOWS, SecurityType.TRUSTED_LAUNCH);
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, step.run(begin(VmOptions.defaults())));
        assertEquals(VmState.ALREADY_TRUSTED_LAUNCH, f.state());
        assertEquals("TrustedLaunch", f.detail().get("securityType").asText());
        assertEquals(List.of(), cloud.writes);
    }

    @Test
    void aConfidentialVmFinishesTooWithoutAnyWrite() {
        cloud.vm = StepCloud.vm(OsType.WINDOWS, SecurityType.CONFIDENTIAL_VM);
        assertEquals(VmState.ALREADY_TRUSTED_LAUNCH,
                assertInstanceOf(StepResult.Finish.class, step.run(begin(VmOptions.defaults()))).state());
        assertEquals(List.of(), cloud.writes);
    }

    @Test
    void aRunningVmIsDoneAndItsFactsJournaled() {
        VmUpgrade vm = begin(VmOptions.defaults());
        StepResult r = step.run(vm);
        ObjectNode d = assertInstanceOf(StepResult.Done.class, r).detail();
        assertEquals("running", d.get("powerState").asText());
        assertEquals("windows", d.get("osType").asText());
        assertEquals("eastus", d.get("location").asText());
        assertEquals("Standard_D2s_v3", d.get("size").asText());
        assertTrue(d.get("osDiskId").asText().endsWith("/disks/win01-os"));
        assertTrue(d.path("startedByTrustlift").isMissingNode(), "it was running already");
        assertEquals(List.of(), cloud.writes);
        h.complete(vm, r);
        assertEquals("eastus", vm.detailOf(InspectStep.NAME).orElseThrow().get("location").asText(), "later steps read it");
    }

    @Test
    void aDeallocatedVmWithoutStartStoppedIsBlockedWithTl040AndNotStarted() {
        cloud.power(PowerState.DEALLOCATED, null);
        VmUpgrade vm = begin(VmOptions.defaults());
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, step.run(vm));
        assertEquals(VmState.BLOCKED, f.state());
        Finding tl040 = vm.findings().stream().filter(x -> x.rule().equals("TL040")).findFirst().orElseThrow();
        assertEquals(Severity.BLOCKER, tl040.severity());
        assertTrue(tl040.message().contains("deallocated"), tl040.message());
        assertTrue(tl040.remediation().contains("--start-stopped"), tl040.remediation());
        assertEquals(List.of(), cloud.writes);
    }

    @Test
    void aStoppedVmWithStartStoppedIsStartedThenWaitedForUntilItsAgentIsReady() {
        cloud.power(PowerState.STOPPED, null);
        VmUpgrade vm = begin(START_STOPPED);
        StepResult.Await a = assertInstanceOf(StepResult.Await.class, step.run(vm));
        assertEquals(OperationKind.START, a.operation().kind());
        assertEquals(List.of("start"), cloud.writes);
        h.ended(vm, a, Status.SUCCEEDED, null);
        cloud.power(PowerState.RUNNING, "Not Ready");
        assertInstanceOf(StepResult.Later.class, step.run(vm), "the agent is not Ready yet: assess would block it");
        cloud.power(PowerState.RUNNING, "Ready");
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(vm)).detail();
        assertTrue(d.get("startedByTrustlift").asBoolean());
        assertEquals("stopped", d.get("powerState").asText(), "the state it was found in");
        assertEquals(List.of("start"), cloud.writes, "started once");
    }

    @Test
    void aStartThatEndedFailedIsARetryableFailureWithArmsCode() {
        cloud.power(PowerState.DEALLOCATED, null);
        VmUpgrade vm = begin(START_STOPPED);
        StepResult r = step.run(vm);
        h.ended(vm, r, Status.FAILED, "AllocationFailed");
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("AllocationFailed", f.code());
        assertTrue(f.retryable());
    }

    @Test
    void afterARestartThatLostTheStartRequestAStartingVmIsWaitedForNotStartedAgain() {
        cloud.power(PowerState.DEALLOCATED, null);
        VmUpgrade vm = begin(START_STOPPED);
        assertInstanceOf(StepResult.Await.class, step.run(vm));
        // the process died before the runner journaled the operation: ARM had accepted it
        VmUpgrade resumed = h.restart(vm, null);
        cloud.power(PowerState.STARTING, null);
        assertInstanceOf(StepResult.Later.class, step.run(resumed));
        cloud.power(PowerState.RUNNING, "Ready");
        assertInstanceOf(StepResult.Done.class, step.run(resumed));
        assertEquals(List.of("start"), cloud.writes, "never a second start");
    }

    @Test
    void aDeallocatingVmIsLeftToSettleBeforeItIsStarted() {
        cloud.power(PowerState.DEALLOCATING, null);
        VmUpgrade vm = begin(START_STOPPED);
        assertInstanceOf(StepResult.Later.class, step.run(vm));
        assertEquals(List.of(), cloud.writes);
        cloud.power(PowerState.DEALLOCATED, null);
        assertInstanceOf(StepResult.Await.class, step.run(vm));
    }

    @Test
    void waitingForAVmThatNeverRunsEndsInARetryableFailure() {
        cloud.power(PowerState.STARTING, null);
        VmUpgrade vm = begin(START_STOPPED);
        assertInstanceOf(StepResult.Later.class, step.run(vm));
        h.clock().advance(Duration.ofMinutes(16));
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("VmNotRunning", f.code());
        assertTrue(f.retryable());
    }
}
