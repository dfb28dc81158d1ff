package dev.trustlift.core.assess.rules;

import static dev.trustlift.core.assess.Fixtures.feature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.SizeAdvisor;
import dev.trustlift.core.assess.Sku;
import dev.trustlift.core.assess.SkuCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TL010, TL020, TL021. */
class SizeRulesTest {
    private final Tl020SizeNotCapable tl020 = new Tl020SizeNotCapable(new SizeAdvisor());
    private final Tl021SizeUnavailable tl021 = new Tl021SizeUnavailable(new SizeAdvisor());

    @Test
    void tl010IsOnlyInformationSinceGa() {
        Finding f = new Tl010FeatureNotRegistered().evaluate(Fixtures.windows()
                .migrationFeature(feature(FeatureState.Registration.NOT_REGISTERED)).build()).orElseThrow();
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().contains("not needed since the upgrade is generally available"), f.message());
        assertTrue(f.remediation().contains("only if Azure refuses the change for it"), f.remediation());
        assertEquals("NotRegistered", f.evidence().get("state"));
        assertEquals(Fixtures.SUB, f.evidence().get("subscription"));
    }

    @Test
    void tl010FiresWhileRegistering() {
        assertEquals("Registering", new Tl010FeatureNotRegistered().evaluate(Fixtures.windows()
                .migrationFeature(feature(FeatureState.Registration.REGISTERING)).build()).orElseThrow().evidence().get("state"));
    }

    @Test
    void tl010SilentWhenRegisteredOrAbsent() {
        assertTrue(new Tl010FeatureNotRegistered().evaluate(Fixtures.windows().migrationFeature(feature(FeatureState.Registration.REGISTERED)).build())
                .isEmpty());
        assertTrue(new Tl010FeatureNotRegistered().evaluate(Fixtures.windows().migrationFeature(null).build())
                .isEmpty());
    }

    @Test
    void tl020SuggestsClosestCapableSizes() {
        Finding f = tl020.evaluate(Fixtures.windows().size("Standard_A2_v2").build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("V1", f.evidence().get("hyperVGenerations"));
        // A2_v2 is 2 vCPU / 4 GiB: F2s_v2 is the same shape; then the 2/8 sizes by name; B2s is burstable.
        assertEquals(List.of("Standard_F2s_v2", "Standard_D2_v5", "Standard_D2as_v5"), f.suggestions());
        assertTrue(f.remediation().contains("Standard_F2s_v2, Standard_D2_v5, Standard_D2as_v5"), f.remediation());
    }

    @Test
    void tl020FiresForTrustedLaunchDisabled() {
        Finding f = tl020.evaluate(Fixtures.windows().size("Standard_M8ms").build()).orElseThrow();
        assertEquals(true, f.evidence().get("trustedLaunchDisabled"));
        assertTrue(f.message().contains("TrustedLaunchDisabled"));
        assertTrue(f.suggestions().isEmpty(), "nothing in the catalog has 218.75 GiB and TL: " + f.suggestions());
        assertTrue(f.remediation().startsWith("no Trusted Launch capable size"));
    }

    @Test
    void tl020SilentForCapableSizeUnknownSizeAndMissingCatalog() {
        assertTrue(tl020.evaluate(Fixtures.windows().size("Standard_D2s_v5").build()).isEmpty());
        assertTrue(tl020.evaluate(Fixtures.windows().size("Standard_Nope").build()).isEmpty());
        assertTrue(tl020.evaluate(Fixtures.windows().size("Standard_A2_v2").skus(null).build()).isEmpty());
    }

    @Test
    void tl021RetiredSizeSuggestsFromTheVcpusItsNameCarries() {
        // Standard_F4 (F-series v1) is gone from the fixture's eastus list; its name still says 4 vCPUs.
        Finding f = tl021.evaluate(Fixtures.windows().size("Standard_F4").build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("Standard_F4", f.evidence().get("size"));
        assertEquals("not offered in eastus", f.evidence().get("availability"));
        assertEquals(4, f.evidence().get("vCPUs"));
        assertEquals("unknown", f.evidence().get("memoryGB"));
        // The capable x64 sizes with >= 4 vCPUs, closest shape first: 4/16 before 6/112.
        assertEquals(List.of("Standard_D4s_v5", "Standard_NC6s_v3"), f.suggestions());
        assertTrue(f.remediation().contains("suggested from the 4 vCPUs its name carries; its memory is unknown"),
                f.remediation());
    }

    @Test
    void tl021RetiredNumberedSizeHasNoKnownShapeAndSaysSo() {
        // Standard_D4_v2 has 8 vCPUs: Dv2 numbers its sizes, so nothing is known of its shape.
        Finding f = tl021.evaluate(Fixtures.windows().size("Standard_D4_v2").build()).orElseThrow();
        assertEquals("unknown", f.evidence().get("vCPUs"));
        assertEquals(List.of("Standard_F2s_v2", "Standard_D2_v5", "Standard_D2as_v5"), f.suggestions(),
                "the smallest capable non-burstable sizes, as for any 0-vCPU floor");
        assertTrue(f.remediation().contains("its vCPUs and memory are unknown"), f.remediation());
    }

    @Test
    void tl021RetiredSizeWithNothingCapableOfferedSaysPickAnotherRegion() {
        SkuCatalog gen1Only = new SkuCatalog("westeurope", List.of(Fixtures.sku("Standard_A2_v2", Fixtures.GEN1, false, 2, 4, false)));
        Finding f = tl021.evaluate(Fixtures.windows().location("westeurope").size("Standard_F16").skus(gen1Only).build())
                .orElseThrow();
        assertEquals("not offered in westeurope", f.evidence().get("availability"));
        assertTrue(f.suggestions().isEmpty());
        assertTrue(f.remediation().startsWith("no Trusted Launch capable size with at least 16 vCPUs"), f.remediation());
    }

    @Test
    void tl021FiresForRestrictedSizeWithAlternatives() {
        Finding f = tl021.evaluate(Fixtures.windows().size("Standard_D2ds_v5").build()).orElseThrow();
        assertEquals("NotAvailableForSubscription", f.evidence().get("restriction"));
        assertEquals(List.of("Standard_D2as_v5", "Standard_D2s_v5", "Standard_E2s_v5"), f.suggestions());
    }

    @Test
    void tl021SilentForOfferedSizeOrMissingCatalog() {
        assertTrue(tl021.evaluate(Fixtures.windows().build()).isEmpty());
        assertTrue(tl021.evaluate(Fixtures.windows().size("Standard_Nope").skus(null).build()).isEmpty());
    }

    @Test
    void tl020OnEmptyCatalogIsSilentAndTl021Fires() {
        SkuCatalog empty = new SkuCatalog("eastus", List.<Sku>of());
        assertTrue(tl020.evaluate(Fixtures.windows().skus(empty).build()).isEmpty());
        assertTrue(tl021.evaluate(Fixtures.windows().skus(empty).build()).isPresent());
    }
}
