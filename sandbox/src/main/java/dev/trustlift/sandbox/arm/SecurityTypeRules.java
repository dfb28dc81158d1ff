package dev.trustlift.sandbox.arm;

import dev.trustlift.sandbox.fleet.OsDiskSpec;
import dev.trustlift.sandbox.fleet.SkuTable;
import dev.trustlift.sandbox.fleet.VmSpec;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.PowerState;
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.Locale;

/**
 * When ARM refuses a change of securityProfile: a cloud that still gates it behind a feature,
 * what Trusted Launch does not support (docs/sandbox.md lists the sources), a VM that is not
 * deallocated, a size without Trusted Launch, a Standard backup policy, and going back to
 * Standard without UseStandardSecurityType.
 */
final class SecurityTypeRules {
    private static final String STANDARD_FEATURE = "Microsoft.Compute/UseStandardSecurityType";

    private final ArmState state;

    SecurityTypeRules(ArmState state) {
        this.state = state;
    }

    /** Called with the VM's lock held; throws the refusal, if any. */
    void check(VmRecord vm, String targetType, String targetSize) {
        SubscriptionRecord sub = state.subscription(vm.subscription());
        String required = sub.requiredFeature();
        if (required != null && (!"Registered".equals(sub.featureState(required)) || sub.awaitingProvider(required))) {
            throw Refusals.featureNotRegistered(sub.id(), sub.featureName(required));
        }
        if ("ConfidentialVM".equals(targetType)) {
            throw Refusals.toConfidential();
        }
        if ("ConfidentialVM".equals(vm.securityType())) {
            throw Refusals.fromConfidential(vm, targetType == null ? "Standard" : targetType);
        }
        if ("TrustedLaunch".equals(targetType)) {
            checkTrustedLaunchSupported(vm);
        }
        if (vm.power() != PowerState.DEALLOCATED) {
            throw Refusals.notDeallocated(vm, "securityProfile.securityType");
        }
        if ("TrustedLaunch".equals(targetType)) {
            if (!SkuTable.supportsTrustedLaunch(state.skus().find(targetSize, vm.location()))) {
                throw Refusals.sizeWithoutTrustedLaunch(targetSize);
            }
            if (vm.spec().backup() != null && "Standard".equals(vm.spec().backup().policyType())) {
                throw Refusals.standardBackup(vm);
            }
        } else if (vm.securityType() != null) {
            String feature = sub.featureState(STANDARD_FEATURE);
            if (feature != null && !feature.equals("Registered")) {
                throw Refusals.featureNotRegistered(sub.id(), sub.featureName(STANDARD_FEATURE));
            }
        }
    }

    /** What assess calls a blocker, refused by ARM whatever the VM's power state. */
    private static void checkTrustedLaunchSupported(VmRecord vm) {
        VmSpec spec = vm.spec();
        OsDiskSpec disk = spec.osDisk();
        if (spec.scaleSet() != null) {
            throw Refusals.scaleSetMember(vm, spec.scaleSet());
        }
        if (disk != null && Boolean.FALSE.equals(disk.managed())) {
            throw Refusals.unmanagedOsDisk(vm);
        }
        if (disk != null && Boolean.TRUE.equals(disk.ephemeral())) {
            throw Refusals.ephemeralOsDisk(vm);
        }
        if (!vm.windows() && vm.hibernation()) {
            throw Refusals.linuxHibernation(vm);
        }
        if (!imageSupported(spec)) {
            throw Refusals.unsupportedImage();
        }
    }

    /**
     * Images the Gen1 upgrade refuses: a managed (custom) image, and the Linux distributions
     * Microsoft excludes (Debian, Azure Linux), by image publisher or by the OS the agent reports.
     */
    static boolean imageSupported(VmSpec spec) {
        String image = spec.osDisk() == null || spec.osDisk().imageReference() == null ? ""
                : spec.osDisk().imageReference().toLowerCase(Locale.ROOT);
        if (image.contains("/providers/microsoft.compute/images/")) {
            return false;
        }
        if ("Windows".equals(spec.osType())) {
            return true;
        }
        String os = spec.osName() == null ? "" : spec.osName().toLowerCase(Locale.ROOT);
        return !(image.startsWith("debian:") || image.startsWith("microsoftcblmariner:") || os.contains("debian")
                || os.contains("mariner") || os.contains("azurelinux") || os.contains("azure linux"));
    }
}
