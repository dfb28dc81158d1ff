package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** From Compute api-version 2025-11-01 a VM without a security type says "Standard"; older versions omit it. */
class StandardSecurityTypeTest {
    static final String NEW_API = "api-version=2025-11-01";
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox("arm-rules.json");

    private JsonNode listed(String query, String name) {
        for (JsonNode v : sandbox.arm().get("/subscriptions/" + SUB + "/providers/Microsoft.Compute/virtualMachines?" + query)
                .json().path("value")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError(name + " not listed");
    }

    @Test
    void olderApiVersionsOmitTheSecurityProfile() {
        assertFalse(sandbox.arm().get(vm("rg-app", "gen1") + "?" + API).json().path("properties").has("securityProfile"));
        assertFalse(sandbox.arm().get(vm("rg-app", "gen1") + "?api-version=2025-10-01").json().path("properties")
                .has("securityProfile"));
        assertFalse(listed(API, "gen1").path("properties").has("securityProfile"));
    }

    @Test
    void from20251101AVmWithoutSecurityTypeIsStandard() {
        JsonNode get = sandbox.arm().get(vm("rg-app", "gen1") + "?" + NEW_API + "&$expand=instanceView").json();
        assertEquals("Standard", get.at("/properties/securityProfile/securityType").asText());
        assertFalse(get.at("/properties/securityProfile").has("uefiSettings"));
        assertEquals("Standard", listed(NEW_API, "gen1").at("/properties/securityProfile/securityType").asText());
        assertEquals("Standard", sandbox.arm().get(vm("rg-app", "gen1") + "?api-version=2026-03-01-preview").json()
                .at("/properties/securityProfile/securityType").asText());
        JsonNode rg = sandbox.arm().get("/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/"
                + "virtualMachines?" + NEW_API).json();
        assertTrue(rg.path("value").size() > 5);
        for (JsonNode v : rg.path("value")) {
            String expected = v.path("name").asText().equals("tl01") ? "TrustedLaunch"
                    : v.path("name").asText().equals("cvm01") ? "ConfidentialVM" : "Standard";
            assertEquals(expected, v.at("/properties/securityProfile/securityType").asText(), v.path("name").asText());
        }
    }

    @Test
    void trustedLaunchIsTrustedLaunchAtEveryVersion() {
        for (String api : new String[] {API, NEW_API}) {
            JsonNode sec = sandbox.arm().get(vm("rg-app", "tl01") + "?" + api).json().at("/properties/securityProfile");
            assertEquals("TrustedLaunch", sec.path("securityType").asText(), api);
            assertTrue(sec.at("/uefiSettings/vTpmEnabled").asBoolean(), api);
        }
    }

    @Test
    void theUpdateAnswerFollowsTheRequestsApiVersion() {
        ArmClient.Answer newer = sandbox.arm().send("PATCH", vm("rg-app", "gen1") + "?" + NEW_API, "{\"tags\":{\"a\":\"1\"}}");
        assertEquals(200, newer.status(), newer.raw().body());
        assertEquals("Standard", newer.json().at("/properties/securityProfile/securityType").asText());
        sandbox.arm().await(newer.header("Azure-AsyncOperation"));
        ArmClient.Answer older = sandbox.arm().send("PATCH", vm("rg-app", "gen1") + "?" + API, "{\"tags\":{\"a\":\"2\"}}");
        assertEquals(200, older.status(), older.raw().body());
        assertFalse(older.json().path("properties").has("securityProfile"));
    }
}
