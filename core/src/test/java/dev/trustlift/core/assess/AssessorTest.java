package dev.trustlift.core.assess;

import static dev.trustlift.core.assess.Fixtures.feature;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.FeatureState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.rules.StandardRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AssessorTest {
    private final Assessor assessor = new Assessor(StandardRules.all());

    @Test
    void everyContractRuleIsPresentOnceInIdOrder() {
        List<String> ids = StandardRules.all().stream().map(Rule::id).toList();
        assertEquals(List.of("TL001", "TL002", "TL003", "TL008", "TL010", "TL020", "TL021", "TL030", "TL031", "TL032", "TL040",
                "TL041", "TL050", "TL060", "TL061", "TL070", "TL080", "TL081", "TL082", "TL083", "TL090", "TL091", "TL092",
                "TL093", "TL100", "TL101", "TL110", "TL120", "TL130"), ids);
    }

    @Test
    void plainProbedVmIsReady() {
        VmFacts facts = Fixtures.windows().os("Windows Server 2022 Datacenter", "10.0.20348")
                .guest(Fixtures.windowsGuest(Fixtures.windowsDefaultLayout(), 20000, 0)).build();
        VmAssessment a = assessor.assess(facts);
        assertEquals(Verdict.READY, a.verdict(), a.findings().toString());
        assertTrue(a.findings().isEmpty(), a.findings().toString());
    }

    @Test
    void unprobedVmIsReadyWithOneGuestNotCheckedWarningAndClaimsNoGuestCheck() {
        VmAssessment a = assessor.assess(Fixtures.windows().guestNotProbed("--no-probe-guest given").build());
        assertEquals(Verdict.READY, a.verdict());
        assertEquals(List.of("TL008", "TL101"), a.findings().stream().map(Finding::rule).toList(),
                "one TL008 instead of a note per guest rule");
        assertEquals(Severity.WARNING, a.findings().get(0).severity());
        assertEquals(false, a.guestChecked());
    }

    @Test
    void probedVmClaimsItsGuestWasChecked() {
        VmAssessment a = assessor.assess(Fixtures.windows().os("Windows Server 2022 Datacenter", "10.0.20348")
                .guest(Fixtures.windowsGuest(Fixtures.windowsDefaultLayout(), 20000, 0)).build());
        assertTrue(a.guestChecked());
    }

    @Test
    void autoFixWithoutBlockerIsReadyWithFixes() {
        VmAssessment a = assessor.assess(Fixtures.windows().powerState(PowerState.DEALLOCATED).build());
        assertEquals(Verdict.READY_WITH_FIXES, a.verdict());
    }

    @Test
    void theLegacyPreviewFeatureNeverChangesTheVerdict() {
        VmFacts.Builder probed = Fixtures.windows().os("Windows Server 2022 Datacenter", "10.0.20348")
                .guest(Fixtures.windowsGuest(Fixtures.windowsDefaultLayout(), 20000, 0));
        VmAssessment a = assessor.assess(probed.migrationFeature(feature(FeatureState.Registration.NOT_REGISTERED)).build());
        assertEquals(Verdict.READY, a.verdict(), a.findings().toString());
        assertEquals(List.of("TL010"), a.findings().stream().map(Finding::rule).toList());
    }

    @Test
    void blockerBeatsAutoFixAndFindingsAreOrderedBySeverity() {
        VmAssessment a = assessor.assess(Fixtures.windows().size("Standard_A2_v2").powerState(PowerState.DEALLOCATED).build());
        assertEquals(Verdict.BLOCKED, a.verdict());
        assertEquals("TL020", a.findings().get(0).rule());
        assertEquals(Severity.AUTO_FIX, a.findings().get(1).severity());
    }

    @Test
    void trustedLaunchVmIsAlreadyTrustedLaunchWhateverElseIsTrue() {
        VmAssessment a = assessor.assess(Fixtures.linux().os("debian", "12").securityType(SecurityType.TRUSTED_LAUNCH).build());
        assertEquals(Verdict.ALREADY_TRUSTED_LAUNCH, a.verdict());
        assertEquals(List.of("TL001"), a.findings().stream().map(Finding::rule).toList());
    }

    @Test
    void exclusionTagWinsOverAlreadyTrustedLaunch() {
        VmAssessment a = assessor.assess(Fixtures.windows().securityType(SecurityType.TRUSTED_LAUNCH)
                .tags(Map.of("trustlift:exclude", "")).build());
        assertEquals(Verdict.SKIPPED, a.verdict());
        assertEquals(List.of("TL001", "TL130"), a.findings().stream().map(Finding::rule).toList());
    }

    @Test
    void scaleSetMemberIsSkippedEvenWhenBlocked() {
        VmAssessment a = assessor.assess(Fixtures.windows().size("Standard_A2_v2")
                .placement(new Placement(null, List.of(), "vmss")).build());
        assertEquals(Verdict.SKIPPED, a.verdict());
    }

    @Test
    void unassessableVmIsUnknownWithReason() {
        VmAssessment a = Assessor.unassessable(new VmRef(Fixtures.SUB, "rg", "gone"), "VM not found (404)");
        assertEquals(Verdict.UNKNOWN, a.verdict());
        assertEquals(Assessor.NOT_ASSESSED, a.findings().get(0).rule());
        assertTrue(a.findings().get(0).message().contains("VM not found (404)"));
    }

    @Test
    void aRuleThatThrowsIsAToolFailureNamingTheRuleAndTheVm() {
        Rule broken = new Rule() {
            @Override
            public String id() {
                return "TL999";
            }

            @Override
            public Optional<Finding> evaluate(VmFacts facts) {
                throw new IllegalStateException("boom");
            }
        };
        VmFacts facts = Fixtures.windows().build();
        RuleFailure e = assertThrows(RuleFailure.class, () -> new Assessor(List.of(broken)).assess(facts));
        assertEquals("TL999", e.rule());
        assertEquals("rule TL999 failed on VM " + facts.ref().id() + ": IllegalStateException: boom", e.getMessage());
    }

    @Test
    void reportCountsAllSixVerdicts() {
        AssessmentReport r = AssessmentReport.of(Instant.parse("2026-11-28T12:00:00Z"), List.of(
                assessor.assess(Fixtures.windows().build()),
                assessor.assess(Fixtures.windows().size("Standard_A2_v2").build()),
                Assessor.unassessable(new VmRef(Fixtures.SUB, "rg", "gone"), "404")));
        assertEquals(6, r.summary().size());
        assertEquals(1, r.summary().get(Verdict.READY));
        assertEquals(1, r.summary().get(Verdict.BLOCKED));
        assertEquals(1, r.summary().get(Verdict.UNKNOWN));
        assertEquals(0, r.summary().get(Verdict.SKIPPED));
        assertTrue(r.needsAttention());
        assertEquals(2, r.guestNotChecked(), "the two unprobed VMs; the UNKNOWN one counts as UNKNOWN");
    }

    @Test
    void theProductionBuilderHasNoDefaults() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> VmFacts.builder(new VmRef(Fixtures.SUB, "rg", "bare")).location("eastus").build());
        assertTrue(e.getMessage().contains("lack size, osType, os, powerState"), e.getMessage());
        assertTrue(e.getMessage().endsWith("secureBootPlanned, timeCreated"), e.getMessage());
    }
}
