package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.upgrade.VmUpgrade;

/**
 * The security profile this VM is to end with: Trusted Launch, vTPM on, Secure Boot as assess
 * decided ({@code secureBoot} in its detail: the VM list, {@code --secure-boot}, or TL083), on when
 * it did not say, as Microsoft recommends.
 */
final class WantedProfile {
    static final String ASSESS = "assess";

    private WantedProfile() {
    }

    static SecurityProfileChange of(VmUpgrade vm) {
        JsonNode secureBoot = vm.detailOf(ASSESS).map(d -> d.get("secureBoot")).orElse(null);
        boolean on = secureBoot == null || !secureBoot.isBoolean() || secureBoot.booleanValue();
        return SecurityProfileChange.trustedLaunch(on);
    }

    static boolean matches(Vm vm, SecurityProfileChange wanted) {
        return vm.securityType() == wanted.securityType() && vm.vTpmEnabled() == wanted.vTpmEnabled()
                && vm.secureBootEnabled() == wanted.secureBootEnabled();
    }

    /** What ARM shows, for the journal. */
    static ObjectNode shown(Vm vm) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("securityType", vm.securityType().armName());
        n.put("secureBootEnabled", vm.secureBootEnabled());
        n.put("vTpmEnabled", vm.vTpmEnabled());
        return n;
    }

    static ObjectNode wanted(SecurityProfileChange wanted) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("securityType", wanted.securityType().armName());
        n.put("secureBootEnabled", wanted.secureBootEnabled());
        n.put("vTpmEnabled", wanted.vTpmEnabled());
        return n;
    }

    static boolean isTrustedLaunch(Vm vm) {
        return vm.securityType() == SecurityType.TRUSTED_LAUNCH;
    }
}
