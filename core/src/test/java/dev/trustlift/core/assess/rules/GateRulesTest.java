package dev.trustlift.core.assess.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.OsDiskFacts;
import dev.trustlift.core.assess.Placement;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TL001, TL002, TL003, TL130: the rules that decide whether there is anything to do. */
class GateRulesTest {

    @Test
    void tl001FiresForTrustedLaunch() {
        Finding f = new Tl001AlreadyTrustedLaunch().evaluate(Fixtures.windows().securityType(SecurityType.TRUSTED_LAUNCH).build())
                .orElseThrow();
        assertEquals(Severity.INFO, f.severity());
        assertEquals("TrustedLaunch", f.evidence().get("securityType"));
        assertEquals(Verdict.ALREADY_TRUSTED_LAUNCH, new Tl001AlreadyTrustedLaunch().forcedVerdict().orElseThrow());
    }

    @Test
    void tl001SilentForStandard() {
        assertTrue(new Tl001AlreadyTrustedLaunch().evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void tl002FiresForGen2DiskWithoutTrustedLaunch() {
        Finding f = new Tl002Gen2Disk().evaluate(Fixtures.windows().osDisk(gen2Disk()).build()).orElseThrow();
        assertEquals(Severity.INFO, f.severity());
        assertEquals("V2", f.evidence().get("hyperVGeneration"));
        assertTrue(f.remediation().contains("only enables Trusted Launch"));
    }

    @Test
    void tl002SilentForGen1DiskAndForTrustedLaunch() {
        assertTrue(new Tl002Gen2Disk().evaluate(Fixtures.windows().build()).isEmpty());
        assertTrue(new Tl002Gen2Disk().evaluate(Fixtures.windows().osDisk(gen2Disk())
                .securityType(SecurityType.TRUSTED_LAUNCH).build()).isEmpty());
    }

    @Test
    void tl003SkipsConfidentialVm() {
        Finding f = new Tl003NotApplicable().evaluate(Fixtures.windows().securityType(SecurityType.CONFIDENTIAL_VM).build())
                .orElseThrow();
        assertEquals("ConfidentialVM", f.evidence().get("securityType"));
        assertEquals(Verdict.SKIPPED, new Tl003NotApplicable().forcedVerdict().orElseThrow());
    }

    @Test
    void tl003SkipsScaleSetMember() {
        Finding f = new Tl003NotApplicable().evaluate(Fixtures.windows()
                .placement(new Placement(null, List.of(), "vmss-web")).build()).orElseThrow();
        assertEquals("vmss-web", f.evidence().get("scaleSet"));
        assertTrue(f.message().contains("vmss-web"));
    }

    @Test
    void tl003SilentForPlainVm() {
        assertTrue(new Tl003NotApplicable().evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void tl130SkipsTaggedVmWhateverTheTagCase() {
        Finding f = new Tl130ExcludedByTag().evaluate(Fixtures.windows().tags(Map.of("TrustLift:Exclude", "until-q3")).build())
                .orElseThrow();
        assertEquals("until-q3", f.evidence().get("value"));
        assertEquals(Verdict.SKIPPED, new Tl130ExcludedByTag().forcedVerdict().orElseThrow());
    }

    @Test
    void tl130SilentWithoutTheTag() {
        assertTrue(new Tl130ExcludedByTag().evaluate(Fixtures.windows().tags(Map.of("env", "prod")).build()).isEmpty());
    }

    /** What ARM sends for a VM without a security type: nothing (before 2025-11-01), null, or "Standard". */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.NullAndEmptySource
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Standard", "standard"})
    void everyFormOfStandardIsAGen1OrGen2CandidateNeverTrustedLaunchOrSkipped(String armValue) {
        SecurityType type = SecurityType.parse(armValue);
        assertTrue(new Tl001AlreadyTrustedLaunch().evaluate(Fixtures.windows().securityType(type).build()).isEmpty());
        assertTrue(new Tl003NotApplicable().evaluate(Fixtures.windows().securityType(type).build()).isEmpty());
        assertTrue(new Tl002Gen2Disk().evaluate(Fixtures.windows().securityType(type).osDisk(gen2Disk()).build()).isPresent(),
                "a Gen2 disk with securityType " + armValue + " only needs Trusted Launch");
    }

    static OsDiskFacts gen2Disk() {
        return new OsDiskFacts("web01-os", true, false, HyperVGeneration.V2, DiskEncryption.NONE, null, 127);
    }
}
