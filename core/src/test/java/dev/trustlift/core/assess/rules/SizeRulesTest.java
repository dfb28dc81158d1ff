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
    void tl010FiresWhenFeatureExistsUnregistered() {
        Finding f = new Tl010FeatureNotRegistered().evaluate(Fixtures.windows()
                .migrationFeature(feature(FeatureState.Registration.NOT_REGISTERED)).build()).orElseThrow();
        assertEquals(Severity.AUTO_FIX, f.severity());
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
    void tl021FiresForSizeMissingFromLocation() {
        Finding f = tl021.evaluate(Fixtures.windows().size("Standard_Nope").build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("Standard_Nope", f.evidence().get("size"));
        assertEquals(13, f.evidence().get("skusInLocation"));
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
