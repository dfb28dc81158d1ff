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
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.MakeRoom;
import dev.trustlift.core.upgrade.StepHarness;
import dev.trustlift.core.upgrade.StepResult;
import dev.trustlift.core.upgrade.VmOptions;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssessStepTest {
    @TempDir
    Path dir;
    StepHarness h;
    StepCloud cloud;
    AssessStep step;

    @BeforeEach
    void setUp() {
        h = new StepHarness(dir);
        cloud = new StepCloud(h.clock(), OsType.WINDOWS, "Windows Server 2019 Datacenter", "10.0.17763.6054");
        step = new AssessStep(cloud, new FactsGatherer(cloud, false), new Assessor(StandardRules.all()));
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

    /** A Linux VM on a GPU size: TL083 fires. */
    void linuxGpu() {
        Vm base = StepCloud.vm(OsType.LINUX, SecurityType.STANDARD);
        cloud.vm = new Vm(base.ref(), base.location(), "Standard_NC6s_v3", base.zones(), null, OsType.LINUX,
                SecurityType.STANDARD, false, false, Map.of(), base.osDisk(), null, false, "Succeeded");
        cloud.view = new dev.trustlift.core.cloud.InstanceView(cloud.view.powerState(), "Ready", "ubuntu", "22.04",
                cloud.view.hyperVGeneration(), List.of());
    }

    @Test
    void aReadyVmIsDoneWithSecureBootOnKeepsItsWarningsButNotTl008AndLeavesItsFactsForTheProbe() {
        VmUpgrade vm = begin(VmOptions.defaults());
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(vm)).detail();
        assertTrue(d.get(AssessStep.SECURE_BOOT).asBoolean());
        List<String> rules = vm.findings().stream().map(Finding::rule).toList();
        assertFalse(rules.contains("TL008"), "the guest probe is the next step: " + rules);
        assertTrue(rules.contains("TL100"), "the marketplace image reference warning is kept: " + rules);
        assertTrue(d.get("findings").toString().contains("TL008"), "the detail still lists what assess said");
        VmFacts facts = assertInstanceOf(VmFacts.class, vm.memo().get(AssessStep.FACTS_MEMO));
        assertEquals(StepCloud.REF, facts.ref());
        assertEquals(List.of(), cloud.writes);
    }

    @Test
    void theVmListsSecureBootChoiceIsJournaled() {
        VmUpgrade vm = begin(new VmOptions(false, false, MakeRoom.SHRINK));
        assertFalse(assertInstanceOf(StepResult.Done.class, step.run(vm)).detail().get(AssessStep.SECURE_BOOT).asBoolean());
    }

    @Test
    void tl083TurnsSecureBootOffWithAWarningWhenNothingAskedOtherwise() {
        linuxGpu();
        VmUpgrade vm = begin(VmOptions.defaults());
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(vm)).detail();
        assertFalse(d.get(AssessStep.SECURE_BOOT).asBoolean());
        assertEquals("TL083", d.get("secureBootBecause").asText());
        assertTrue(vm.findings().stream().anyMatch(f -> f.rule().equals("TL083") && f.severity() == Severity.WARNING
                && f.message().startsWith("Secure Boot will be off")), vm.findings().toString());
    }

    @Test
    void secureBootOnAskedForWinsOverTl083() {
        linuxGpu();
        VmUpgrade vm = begin(new VmOptions(true, false, MakeRoom.SHRINK));
        ObjectNode d = assertInstanceOf(StepResult.Done.class, step.run(vm)).detail();
        assertTrue(d.get(AssessStep.SECURE_BOOT).asBoolean());
        assertFalse(vm.findings().stream().anyMatch(f -> f.message().startsWith("Secure Boot will be off")));
    }

    @Test
    void aBlockerStopsTheVmUntouchedWithItsFindings() {
        cloud.view = new dev.trustlift.core.cloud.InstanceView(cloud.view.powerState(), "Ready",
                "Windows Server 2016 Datacenter", "10.0.14393.7000", cloud.view.hyperVGeneration(), List.of());
        VmUpgrade vm = begin(VmOptions.defaults());
        StepResult.Finish f = assertInstanceOf(StepResult.Finish.class, step.run(vm));
        assertEquals(VmState.BLOCKED, f.state());
        assertTrue(f.reason().contains("TL030"), f.reason());
        assertTrue(vm.findings().stream().anyMatch(x -> x.rule().equals("TL030") && x.severity() == Severity.BLOCKER));
        assertFalse(vm.findings().stream().anyMatch(x -> x.rule().equals("TL008")),
                "the guest is probed by the next step, not 'unchecked for --no-probe-guest': " + vm.findings());
        assertEquals(List.of(), cloud.writes);
    }

    @Test
    void aVmExcludedByTagIsSkipped() {
        Vm base = cloud.vm;
        cloud.vm = new Vm(base.ref(), base.location(), base.size(), base.zones(), null, base.osType(), base.securityType(),
                false, false, Map.of(dev.trustlift.core.assess.rules.Tl130ExcludedByTag.EXCLUDE_TAG, "true"), base.osDisk(),
                base.image(), false, "Succeeded");
        VmUpgrade vm = begin(VmOptions.defaults());
        assertEquals(VmState.SKIPPED, assertInstanceOf(StepResult.Finish.class, step.run(vm)).state());
    }

    @Test
    void eachCallGathersTheFactsAgainRatherThanTrustTheMemo() {
        VmUpgrade vm = begin(VmOptions.defaults());
        step.run(vm);
        Object first = vm.memo().get(AssessStep.FACTS_MEMO);
        step.run(vm);
        assertFalse(first == vm.memo().get(AssessStep.FACTS_MEMO), "each call reads the real state again");
    }
}
