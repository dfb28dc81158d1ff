package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** VM bodies as ARM reads them: unknown members are refused, and a PUT replaces the model. */
class VmBodyTest {
    @RegisterExtension
    final RulesSandbox sandbox = new RulesSandbox("arm-rules.json");

    private ObjectNode model(String name) {
        return (ObjectNode) sandbox.arm().get(vm("rg-app", name) + "?" + API).json();
    }

    private ArmClient.Answer put(String name, JsonNode body) {
        return sandbox.arm().send("PUT", vm("rg-app", name) + "?" + API, body.toString());
    }

    private void assertUnknownMember(ArmClient.Answer a, String member, String type, String path) {
        assertEquals(400, a.status(), a.raw().body());
        assertEquals("InvalidRequestContent", a.json().at("/error/code").asText());
        String message = a.json().at("/error/message").asText();
        assertTrue(message.contains("Could not find member '" + member + "' on object of type '" + type + "'"), message);
        assertTrue(message.contains("Path '" + path + "'"), message);
    }

    @Test
    void unknownMembersOfAPatchAreRefusedWhereverTheyAre() {
        String url = vm("rg-app", "gen1") + "?" + API;
        assertUnknownMember(sandbox.arm().send("PATCH", url, "{\"properties\":{\"securityProfil\":{}}}"),
                "securityProfil", "VirtualMachineProperties", "properties.securityProfil");
        assertUnknownMember(sandbox.arm().send("PATCH", url,
                "{\"properties\":{\"securityProfile\":{\"uefiSettings\":{\"secureBoot\":true}}}}"),
                "secureBoot", "UefiSettings", "properties.securityProfile.uefiSettings.secureBoot");
        assertUnknownMember(sandbox.arm().send("PATCH", url, "{\"tag\":{\"a\":\"b\"}}"), "tag", "VirtualMachineUpdate", "tag");
        assertEquals("Standard", sandbox.arm().get("/_sandbox/state?vm=gen1").json().at("/vms/0/securityType").asText());
    }

    @Test
    void whatAGetReturnedIsAcceptedBackButNotWithChildResources() {
        ObjectNode body = model("tagged");
        assertTrue(body.path("properties").has("vmId") && body.path("properties").has("provisioningState"),
                "read-only members are in the GET");
        ArmClient.Answer same = put("tagged", body);
        assertEquals(200, same.status(), same.raw().body());
        assertEquals("team-a", model("tagged").at("/tags/owner").asText());
        body.putArray("resources");
        assertUnknownMember(put("tagged", body), "resources", "ResourceDefinition", "resources");
        ObjectNode nested = model("tagged");
        ((ObjectNode) nested.at("/properties/storageProfile/osDisk")).put("sizeGB", 1);
        assertUnknownMember(put("tagged", nested), "sizeGB", "OSDisk", "properties.storageProfile.osDisk.sizeGB");
    }

    @Test
    void aPutReplacesTheModel() {
        ObjectNode tagged = model("tagged");
        tagged.remove("tags");
        assertEquals(200, put("tagged", tagged).status());
        assertEquals(0, model("tagged").path("tags").size(), "tags left out are gone");

        ObjectNode winhib = model("winhib");
        assertTrue(winhib.at("/properties/additionalCapabilities/hibernationEnabled").asBoolean());
        ((ObjectNode) winhib.path("properties")).remove("additionalCapabilities");
        assertEquals(200, put("winhib", winhib).status());
        assertFalse(model("winhib").at("/properties/additionalCapabilities/hibernationEnabled").asBoolean());
    }

    @Test
    void aPutWithoutSecurityProfileMakesATrustedLaunchVmStandard() {
        ObjectNode tl = model("tl01");
        ((ObjectNode) tl.path("properties")).remove("securityProfile");
        ArmClient.Answer a = put("tl01", tl);
        assertEquals(200, a.status(), a.raw().body());
        JsonNode truth = sandbox.arm().get("/_sandbox/state?vm=tl01").json().at("/vms/0");
        assertEquals("Standard", truth.path("securityType").asText());
        assertEquals("V2", truth.at("/osDisk/hyperVGeneration").asText(), "the disk stays Generation 2");
    }

    @Test
    void aPutMustNameLocationSizeAndOsDisk() {
        ObjectNode noLocation = model("gen1");
        noLocation.remove("location");
        ArmClient.Answer a = put("gen1", noLocation);
        assertEquals(400, a.status());
        assertEquals("LocationRequired", a.json().at("/error/code").asText());
        ObjectNode noSize = model("gen1");
        ((ObjectNode) noSize.path("properties")).remove("hardwareProfile");
        assertEquals("Required parameter 'hardwareProfile.vmSize' is missing (null).",
                put("gen1", noSize).json().at("/error/message").asText());
        ObjectNode noDisk = model("gen1");
        ((ObjectNode) noDisk.at("/properties/storageProfile")).remove("osDisk");
        assertEquals(400, put("gen1", noDisk).status());
        ObjectNode moved = model("gen1");
        moved.put("location", "westeurope");
        assertEquals("PropertyChangeNotAllowed", put("gen1", moved).json().at("/error/code").asText());
    }
}
