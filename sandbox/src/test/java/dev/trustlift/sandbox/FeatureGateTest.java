package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.SUB_B;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Since GA no feature gates Trusted Launch; {@code requireFeature} emulates a cloud that still does. */
class FeatureGateTest {
    static final String FEATURE = "Microsoft.Compute/Gen1ToTLMigrationPreview";
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox("arm-rules.json");

    private String truthType(String name) {
        return sandbox.arm().get("/_sandbox/state?vm=" + name).json().at("/vms/0/securityType").asText();
    }

    @Test
    void aListedFeatureThatIsNotRegisteredNoLongerGatesTrustedLaunch() {
        String feature = "/subscriptions/" + SUB + "/providers/Microsoft.Features/providers/Microsoft.Compute/features/"
                + "Gen1ToTLMigrationPreview?api-version=2021-07-01";
        assertEquals("NotRegistered", sandbox.arm().get(feature).json().at("/properties/state").asText());
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "gen1") + "?" + API, TrustedLaunchRulesTest.TL);
        assertEquals(200, a.status(), a.raw().body());
        assertEquals("TrustedLaunch", truthType("gen1"));
    }

    @Test
    void requireFeatureRefusesTheSecurityTypeChangeNamingTheFeature() {
        String url = vm(SUB_B, "rg-b", "gated") + "?" + API;
        ArmClient.Answer patch = sandbox.arm().send("PATCH", url, TrustedLaunchRulesTest.TL);
        assertEquals(400, patch.status());
        assertEquals("SubscriptionNotRegisteredForFeature", patch.json().at("/error/code").asText());
        assertTrue(patch.json().at("/error/message").asText().contains("'" + FEATURE + "'"), patch.raw().body());
        String put = "{\"location\":\"eastus\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v3\"},"
                + "\"storageProfile\":{\"osDisk\":{}},\"securityProfile\":{\"securityType\":\"TrustedLaunch\"}}}";
        ArmClient.Answer viaPut = sandbox.arm().send("PUT", url, put);
        assertEquals(400, viaPut.status());
        assertTrue(viaPut.json().at("/error/message").asText().contains(FEATURE), viaPut.raw().body());
        assertEquals("Standard", truthType("gated"));
        assertEquals(200, sandbox.arm().send("PATCH", url, "{\"tags\":{\"a\":\"b\"}}").status(),
                "only the security type change is gated");
    }

    @Test
    void requireFeatureMustNameAListedFeature() {
        String text = Fleets.text("arm-rules.json").replace("\"features\": {}, ", "\"features\": {}, \"requireFeature\": \""
                + FEATURE + "\", ");
        FleetException e = assertThrows(FleetException.class, () -> Fleet.parse(text, "f.json"));
        assertTrue(e.getMessage().contains("subscriptions[2].requireFeature"), e.getMessage());
    }
}
