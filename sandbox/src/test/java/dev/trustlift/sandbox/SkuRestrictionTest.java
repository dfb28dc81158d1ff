package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SKU lists in ARM's own shapes, and VMs on sizes their location no longer offers. */
class SkuRestrictionTest {
    static final String SKUS = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus?api-version=2021-07-01"
            + "&$filter=location%20eq%20'eastus'";
    static final String RESTRICTION = "{\"type\":\"Location\",\"values\":[\"eastus\"],\"restrictionInfo\":"
            + "{\"locations\":[\"eastus\"]},\"reasonCode\":\"NotAvailableForSubscription\"}";
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox("arm-rules.json");

    private JsonNode sku(String name) {
        for (JsonNode s : sandbox.arm().get(SKUS).json().path("value")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Test
    void restrictionsAreServedInArmsShapeWhicheverFormTheFleetUsed() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(RESTRICTION);
        assertEquals(expected, sku("Standard_D2s_v5").path("restrictions").get(0), "ARM's object, as given");
        assertEquals(expected, sku("Standard_E2s_v5").path("restrictions").get(0), "the short form, completed");
        assertEquals(0, sku("Standard_D2s_v3").path("restrictions").size());
    }

    @Test
    void resizingToARestrictedSizeIsRefused() {
        for (String size : new String[] {"Standard_D2s_v5", "Standard_E2s_v5"}) {
            ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "gen1") + "?" + API,
                    "{\"properties\":{\"hardwareProfile\":{\"vmSize\":\"" + size + "\"}}}");
            assertEquals(409, a.status(), size);
            assertEquals("SkuNotAvailable", a.json().at("/error/code").asText());
        }
        ArmClient.Answer ok = sandbox.arm().send("PATCH", vm("rg-app", "gen1") + "?" + API,
                "{\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D4s_v3\"}}}");
        assertEquals(200, ok.status(), ok.raw().body());
    }

    @Test
    void aZoneRestrictionKeepsTheSizeOnlyFromVmsInThoseZones() throws Exception {
        JsonNode zone = new ObjectMapper().readTree(RESTRICTION.replace("\"Location\"", "\"Zone\"")
                .replace("{\"locations\":[\"eastus\"]}", "{\"locations\":[\"eastus\"],\"zones\":[\"1\"]}"));
        assertEquals(zone, sku("Standard_F2s_v2").path("restrictions").get(0));
        String resize = "{\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_F2s_v2\"}}}";
        assertEquals(409, sandbox.arm().send("PATCH", vm("rg-app", "zone1") + "?" + API, resize).status());
        assertEquals(200, sandbox.arm().send("PATCH", vm("rg-app", "zone2") + "?" + API, resize).status());
        assertEquals(200, sandbox.arm().send("PATCH", vm("rg-app", "gen1") + "?" + API, resize).status(), "not zonal");
    }

    @Test
    void aVmOnARetiredSizeIsServed() {
        assertEquals(null, sku("Standard_A1"), "the location no longer offers the size");
        ArmClient.Answer get = sandbox.arm().get(vm("rg-app", "retired") + "?" + API);
        assertEquals(200, get.status());
        assertEquals("Standard_A1", get.json().at("/properties/hardwareProfile/vmSize").asText());
    }

    @Test
    void trustedLaunchOnARetiredSizeIsRefusedAsAzureRefusesIt() {
        ArmClient.Answer a = sandbox.arm().send("PATCH", vm("rg-app", "retired") + "?" + API, TrustedLaunchRulesTest.TL);
        assertEquals(400, a.status());
        assertEquals("The VM size 'Standard_A1' is not supported for creation of VMs and Virtual Machine Scale Set "
                + "with 'TrustedLaunch' security type. For more information, see https://aka.ms/TrustedLaunch-FAQ",
                a.json().at("/error/message").asText());
    }

    @Test
    void restrictionObjectsAreCheckedLikeEveryFleetKey() {
        String text = Fleets.text("arm-rules.json");
        FleetException typo = assertThrows(FleetException.class,
                () -> Fleet.parse(text.replace("\"reasonCode\": \"NotAvailableForSubscription\"",
                        "\"reason\": \"NotAvailableForSubscription\""), "f.json"));
        assertTrue(typo.getMessage().contains("skus[2]") && typo.getMessage().contains("'reason'"), typo.getMessage());
        FleetException type = assertThrows(FleetException.class,
                () -> Fleet.parse(text.replace("\"type\": \"Location\"", "\"type\": \"Region\""), "f.json"));
        assertTrue(type.getMessage().contains("Region"), type.getMessage());
    }
}
