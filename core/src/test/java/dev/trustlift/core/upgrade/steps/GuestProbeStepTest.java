package dev.trustlift.core.upgrade.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.assess.gather.FactsGatherer;
import dev.trustlift.core.assess.gather.GuestProbe;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OperationState.Status;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestProbeStepTest {
    @TempDir
    Path dir;
    StepHarness h;
    StepCloud cloud;
    FactsGatherer gatherer;
    Assessor assessor = new Assessor(StandardRules.all());
    GuestProbeStep step;

    @BeforeEach
    void setUp() {
        h = new StepHarness(dir);
        cloud = new StepCloud(h.clock(), OsType.WINDOWS, "Windows Server 2019 Datacenter", "10.0.17763.6054");
        gatherer = new FactsGatherer(cloud, false);
        step = new GuestProbeStep(cloud, gatherer, assessor);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    VmUpgrade begin(VmOptions options) {
        VmUpgrade vm = h.vm(StepCloud.REF, options);
        h.begin(vm, new AssessStep(cloud, gatherer, assessor));
        h.complete(vm, new AssessStep(cloud, gatherer, assessor).run(vm));
        h.begin(vm, step);
        return vm;
    }

    void linux() {
        cloud.vm = StepCloud.vm(OsType.LINUX, SecurityType.STANDARD);
        cloud.view = new InstanceView(cloud.view.powerState(), "Ready", "ubuntu", "22.04", cloud.view.hyperVGeneration(), List.of());
    }

    /** Runs the step through its run command: the PUT, the operation's end, the read-back. */
    StepResult probe(VmUpgrade vm, String stdout) {
        cloud.guest = c -> new ScriptResult(0, stdout, "");
        StepResult first = step.run(vm);
        StepResult.Await a = assertInstanceOf(StepResult.Await.class, first);
        h.ended(vm, a, Status.SUCCEEDED, null);
        return step.run(vm);
    }

    @Test
    void aWindowsMbrDiskIsProbedThroughTheManagedRunCommandAndItsDiskNumberJournaled() {
        VmUpgrade vm = begin(VmOptions.defaults());
        ObjectNode d = assertInstanceOf(StepResult.Done.class, probe(vm, ProbeSamples.windowsMbr(2, 20000, 0))).detail();
        assertEquals(GuestProbe.script(OsType.WINDOWS).lines(), cloud.commands.get(0).script(), "assess's probe, not a copy");
        assertEquals(2, d.get(GuestProbeStep.DISK_NUMBER).asInt(), "MBR2GPT must be told this disk");
        assertEquals("MBR", d.get("partitionStyle").asText());
        assertEquals(20000, d.get("freeMb").asLong());
        assertFalse(d.get("espPresent").asBoolean());
        assertEquals(2, d.get("layout").size());
        assertTrue(d.get("layout").get(1).asText().contains(" os"), d.toString());
        assertEquals("needed", d.get(GuestProbeStep.CONVERSION).asText());
        VmFacts probed = (VmFacts) vm.memo().get(AssessStep.FACTS_MEMO);
        assertEquals(20000, probed.guest().freeMb(), "the probed facts are kept for later steps");
    }

    @Test
    void bitLockerOnBlocksTheVmWithTl061() {
        VmUpgrade vm = begin(VmOptions.defaults());
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, probe(vm, ProbeSamples.windowsMbr(0, 20000, 1)));
        assertEquals(VmState.BLOCKED, f.state());
        assertTrue(vm.findings().stream().anyMatch(x -> x.rule().equals("TL061") && x.severity() == Severity.BLOCKER));
        assertEquals(1, cloud.commands.size(), "only the read-only probe ran");
    }

    @Test
    void noRoomForTheEspIsLeftToGuestValidateWhenItMayMakeRoom() {
        VmUpgrade vm = begin(VmOptions.defaults());
        ObjectNode d = assertInstanceOf(StepResult.Done.class, probe(vm, ProbeSamples.windowsMbr(0, 50, 0))).detail();
        assertEquals("needed", d.get(GuestProbeStep.CONVERSION).asText());
        Finding tl091 = vm.findings().stream().filter(x -> x.rule().equals("TL091")).findFirst().orElseThrow();
        assertEquals(Severity.AUTO_FIX, tl091.severity());
    }

    @Test
    void noRoomForTheEspBlocksWithMakeRoomNone() {
        VmUpgrade vm = begin(new VmOptions(null, false, MakeRoom.NONE));
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, probe(vm, ProbeSamples.windowsMbr(0, 50, 0)));
        assertEquals(VmState.BLOCKED, f.state());
        assertTrue(f.reason().contains("TL091"), f.reason());
        assertTrue(vm.findings().stream().anyMatch(x -> x.rule().equals("TL091") && x.severity() == Severity.BLOCKER));
    }

    @Test
    void aLinuxDiskAlreadyGptWithAnEspNeedsNoConversion() {
        linux();
        VmUpgrade vm = begin(VmOptions.defaults());
        ObjectNode d = assertInstanceOf(StepResult.Done.class, probe(vm, ProbeSamples.linuxAzureGpt())).detail();
        assertEquals(GuestProbeStep.NOT_NEEDED, d.get(GuestProbeStep.CONVERSION).asText());
        assertEquals("GPT", d.get("partitionStyle").asText());
        assertTrue(d.get("espPresent").asBoolean());
        assertTrue(d.path(GuestProbeStep.DISK_NUMBER).isMissingNode(), "Linux has no Windows disk number");
        assertEquals(GuestProbe.script(OsType.LINUX).lines(), cloud.commands.get(0).script());
    }

    @Test
    void aPlainMbrLinuxDiskIsBlockedWithTl092UntilTheLinuxConversionExists() {
        linux();
        VmUpgrade vm = begin(VmOptions.defaults());
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, probe(vm, ProbeSamples.linuxMbr()));
        assertEquals(VmState.BLOCKED, f.state());
        assertTrue(vm.findings().stream().anyMatch(x -> x.rule().equals("TL092") && x.severity() == Severity.BLOCKER),
                vm.findings().toString());
    }

    @Test
    void afterARestartTheFactsAreGatheredAgainAndTheJournaledProbeReadBack() {
        VmUpgrade vm = begin(VmOptions.defaults());
        cloud.guest = c -> new ScriptResult(0, ProbeSamples.windowsMbr(1, 20000, 0), "");
        StepResult.Await a = assertInstanceOf(StepResult.Await.class, step.run(vm));
        VmUpgrade resumed = h.restart(vm, new dev.trustlift.core.upgrade.EndedOperation(a.label(), a.operation(),
                new dev.trustlift.core.cloud.OperationState(Status.SUCCEEDED, null, null, null, null, a.operation())));
        assertTrue(resumed.memo().isEmpty());
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(resumed)).detail();
        assertEquals(1, d.get(GuestProbeStep.DISK_NUMBER).asInt());
        assertEquals(1, cloud.commands.size(), "the probe is read back, not run again");
    }

    @Test
    void aProbeThatExitedNonZeroIsARetryableFailure() {
        VmUpgrade vm = begin(VmOptions.defaults());
        cloud.guest = c -> new ScriptResult(1, "", "Get-Partition : No MSFT_Partition objects found");
        StepResult.Await a = assertInstanceOf(StepResult.Await.class, step.run(vm));
        h.ended(vm, a, Status.SUCCEEDED, null);
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, step.run(vm));
        assertEquals("GuestProbeFailed", f.code());
        assertTrue(f.retryable());
        assertTrue(f.message().contains("No MSFT_Partition"), f.message());
    }

    @Test
    void anOutputThatIsNotAProbesFailsTheStep() {
        VmUpgrade vm = begin(VmOptions.defaults());
        StepResult.Failed f = assertInstanceOf(StepResult.Failed.class, probe(vm, "hello\n"));
        assertEquals("GuestProbeUnreadable", f.code());
    }
}
