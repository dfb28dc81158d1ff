package dev.trustlift.core.assess.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.OsDiskFacts;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.cloud.ImageRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TL080, TL081, TL082, TL083, TL100. */
class DiskRulesTest {

    @Test
    void tl080BlocksUnmanagedDisk() {
        Finding f = new Tl080UnmanagedDisk().evaluate(Fixtures.windows().osDisk(disk(false, false, null)).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertTrue(f.remediation().contains("az vm convert -g rg-app -n web01"));
    }

    @Test
    void tl080SilentForManagedDisk() {
        assertTrue(new Tl080UnmanagedDisk().evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void tl081BlocksEphemeralDisk() {
        Finding f = new Tl081EphemeralDisk().evaluate(Fixtures.windows().osDisk(disk(true, true, null)).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals(true, f.evidence().get("ephemeral"));
    }

    @Test
    void tl081SilentForPersistentDisk() {
        assertTrue(new Tl081EphemeralDisk().evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void tl082BlocksLinuxHibernation() {
        Finding f = new Tl082LinuxHibernation().evaluate(Fixtures.linux().hibernation(true).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertTrue(f.remediation().contains("--enable-hibernation false"));
    }

    @Test
    void tl082SilentForWindowsOrNoHibernation() {
        assertTrue(new Tl082LinuxHibernation().evaluate(Fixtures.windows().hibernation(true).build()).isEmpty());
        assertTrue(new Tl082LinuxHibernation().evaluate(Fixtures.linux().build()).isEmpty());
    }

    @Test
    void tl083WarnsLinuxOnGpuSize() {
        Finding f = new Tl083SecureBootOff().evaluate(Fixtures.linux().size("Standard_NC6s_v3").build()).orElseThrow();
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("NC", f.evidence().get("family"));
        assertTrue(f.remediation().contains("enableSecureBoot=false"));
    }

    @Test
    void tl083WarnsLinuxWithGpuDriverExtension() {
        Finding f = new Tl083SecureBootOff().evaluate(Fixtures.linux().extensions(List.of(
                new Extension("Microsoft.HpcCompute", "NvidiaGpuDriverLinux", "gpu"))).build()).orElseThrow();
        assertTrue(String.valueOf(f.evidence().get("driverExtension")).contains("NvidiaGpuDriverLinux"));
    }

    @Test
    void tl083SilentWhenTheVmListAlreadyTurnsSecureBootOff() {
        assertTrue(new Tl083SecureBootOff().evaluate(Fixtures.linux().size("Standard_NC6s_v3").secureBootPlanned(false).build())
                .isEmpty());
        assertTrue(new Tl083SecureBootOff().evaluate(Fixtures.linux().size("Standard_NC6s_v3").secureBootPlanned(true).build())
                .isPresent());
    }

    @Test
    void tl083SilentForWindowsGpuAndLinuxCpuSizes() {
        assertTrue(new Tl083SecureBootOff().evaluate(Fixtures.windows().size("Standard_NV12s_v3").build()).isEmpty());
        assertTrue(new Tl083SecureBootOff().evaluate(Fixtures.linux().build()).isEmpty());
    }

    @Test
    void tl100WarnsMarketplaceReference() {
        String ref = "MicrosoftWindowsServer:WindowsServer:2019-Datacenter:latest";
        Finding f = new Tl100MarketplaceImageReference().evaluate(Fixtures.windows().osDisk(disk(true, false, Fixtures.marketplace(ref))).build())
                .orElseThrow();
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(ref, f.evidence().get("imageReference"));
        assertTrue(f.remediation().contains("never reimage"));
    }

    @Test
    void tl100SilentForGalleryImageOrAttachedDisk() {
        assertTrue(new Tl100MarketplaceImageReference().evaluate(Fixtures.windows().osDisk(disk(true, false, new ImageRef(null, null,
                null, null, "/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/galleries/x/images/y/versions/1.0.0")))
                .build())
                .isEmpty());
        assertTrue(new Tl100MarketplaceImageReference().evaluate(Fixtures.windows().build()).isEmpty());
    }

    private static OsDiskFacts disk(boolean managed, boolean ephemeral, ImageRef image) {
        return new OsDiskFacts("web01-os", managed, ephemeral, HyperVGeneration.V1, DiskEncryption.NONE, image, 127);
    }
}
