package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sandbox answers in the shapes of Azure's own example payloads (src/test/resources/examples):
 * the fields the SDK reads are present, and every field both have is of the same JSON type.
 */
class ExamplePayloadShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final RulesSandbox sandbox = new RulesSandbox();

    private static JsonNode example(String file, String status) throws Exception {
        try (InputStream in = ExamplePayloadShapeTest.class.getResourceAsStream("/examples/" + file)) {
            return JSON.readTree(in).path("responses").path(status).path("body");
        }
    }

    /** Paths present in both with different JSON types, e.g. "properties.diskSizeGB: NUMBER vs STRING". */
    static List<String> typeMismatches(JsonNode example, JsonNode ours, String at) {
        List<String> out = new ArrayList<>();
        if (example.isObject() && ours.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = example.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode mine = ours.get(e.getKey());
                if (mine != null && !e.getValue().isNull() && !mine.isNull()) {
                    out.addAll(typeMismatches(e.getValue(), mine, at + "." + e.getKey()));
                }
            }
        } else if (example.isArray() && ours.isArray()) {
            if (!example.isEmpty() && !ours.isEmpty()) {
                out.addAll(typeMismatches(example.get(0), ours.get(0), at + "[0]"));
            }
        } else if (example.getNodeType() != ours.getNodeType()
                && !(example.isNumber() && ours.isNumber())) {
            out.add(at + ": " + example.getNodeType() + " in the example, " + ours.getNodeType() + " here");
        }
        return out;
    }

    private static void assertShape(String file, String status, JsonNode ours, String... required) throws Exception {
        JsonNode ex = example(file, status);
        assertFalse(ex.isMissingNode(), file);
        assertEquals(List.of(), typeMismatches(ex, ours, "$"), file);
        for (String pointer : required) {
            assertFalse(ex.at(pointer).isMissingNode(), file + " has no " + pointer + ": fix the test");
            assertFalse(ours.at(pointer).isMissingNode(), "the sandbox's answer lacks " + pointer + " of " + file);
        }
    }

    @Test
    void virtualMachine() throws Exception {
        assertShape("VirtualMachine_Get.json", "200", sandbox.arm().get(vm("rg-app", "web01") + "?" + API).json(),
                "/name", "/id", "/type", "/location", "/tags", "/etag", "/properties/vmId",
                "/properties/hardwareProfile/vmSize", "/properties/storageProfile/imageReference/publisher",
                "/properties/storageProfile/osDisk/osType", "/properties/storageProfile/osDisk/managedDisk/id",
                "/properties/storageProfile/osDisk/diskSizeGB", "/properties/osProfile/computerName",
                "/properties/networkProfile/networkInterfaces/0/id", "/properties/provisioningState",
                "/properties/timeCreated");
    }

    @Test
    void instanceView() throws Exception {
        assertShape("VirtualMachine_Get_InstanceView.json", "200",
                sandbox.arm().get(vm("rg-app", "web01") + "/instanceView?" + API).json(),
                "/computerName", "/osName", "/osVersion", "/vmAgent/vmAgentVersion", "/vmAgent/statuses/0/code",
                "/vmAgent/statuses/0/displayStatus", "/disks/0/name", "/hyperVGeneration", "/statuses/0/code",
                "/statuses/1/code", "/statuses/1/displayStatus");
    }

    @Test
    void disk() throws Exception {
        assertShape("Disk_Get.json", "200", sandbox.arm().get("/subscriptions/" + SUB
                        + "/resourceGroups/rg-app/providers/Microsoft.Compute/disks/web01-os?api-version=2024-03-02").json(),
                "/id", "/name", "/type", "/location", "/managedBy", "/sku/name", "/properties/osType",
                "/properties/hyperVGeneration", "/properties/creationData/createOption", "/properties/diskSizeGB",
                "/properties/encryption/type", "/properties/provisioningState", "/properties/supportedCapabilities");
    }

    @Test
    void skus() throws Exception {
        JsonNode ours = sandbox.arm().get("/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus?api-version=2021-07-01"
                + "&$filter=location%20eq%20'eastus'").json();
        assertShape("ListAvailableResourceSkus.json", "200", ours, "/value/0/resourceType", "/value/0/locations/0",
                "/value/0/capabilities/0/name", "/value/0/capabilities/0/value", "/value/0/locationInfo/0/location",
                "/value/0/name", "/value/0/tier", "/value/0/size", "/value/0/family");
        for (JsonNode sku : ours.path("value")) {
            assertEquals("eastus", sku.at("/locations/0").asText());
        }
        JsonNode we = sandbox.arm().get("/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus?api-version=2021-07-01"
                + "&$filter=location%20eq%20'westeurope'").json();
        boolean restricted = false;
        for (JsonNode sku : we.path("value")) {
            if (sku.path("name").asText().equals("Standard_NC6s_v3")) {
                restricted = sku.at("/restrictions/0/reasonCode").asText().equals("NotAvailableForSubscription");
            }
            if (sku.path("name").asText().equals("Standard_M8ms")) {
                assertTrue(sku.path("capabilities").toString().contains("{\"name\":\"TrustedLaunchDisabled\",\"value\":\"True\"}"));
            }
        }
        assertTrue(restricted, "the sample restriction is served");
    }

    @Test
    void featureBackupAndPolicy() throws Exception {
        assertShape("getFeature.json", "200", sandbox.arm().get("/subscriptions/" + SUB + "/providers/Microsoft.Features/providers/"
                + "Microsoft.Compute/features/Gen1ToTLMigrationPreview?api-version=2021-07-01").json(),
                "/name", "/id", "/type", "/properties/state");
        JsonNode status = sandbox.arm().send("POST", "/subscriptions/" + SUB + "/providers/Microsoft.RecoveryServices/locations/eastus/"
                + "backupStatus?api-version=2025-02-01", "{\"resourceId\":\"" + vm("rg-app", "bk01") + "\",\"resourceType\":\"VM\"}")
                .json();
        assertShape("GetBackupStatus.json", "200", status, "/protectionStatus", "/vaultId", "/policyName");
        JsonNode policy = sandbox.arm().get(status.path("vaultId").asText() + "/backupPolicies/" + status.path("policyName").asText()
                + "?api-version=2025-02-01").json();
        assertShape("v2-Get-Policy.json", "200", policy, "/id", "/name", "/type", "/properties/backupManagementType",
                "/properties/policyType", "/properties/schedulePolicy/schedulePolicyType");
        assertEquals("V1", policy.at("/properties/policyType").asText(), "a Standard policy is V1");
        JsonNode none = sandbox.arm().send("POST", "/subscriptions/" + SUB + "/providers/Microsoft.RecoveryServices/locations/eastus/"
                + "backupStatus?api-version=2025-02-01", "{\"resourceId\":\"" + vm("rg-app", "web01") + "\",\"resourceType\":\"VM\"}")
                .json();
        assertEquals("NotProtected", none.path("protectionStatus").asText());
    }

    @Test
    void extensionsRestorePointsAndGraph() throws Exception {
        assertShape("VirtualMachineExtension_List_MaximumSet_Gen.json", "200",
                sandbox.arm().get(vm("rg-app", "web01") + "/extensions?" + API).json(), "/value");
        String rpc = "/subscriptions/" + SUB + "/resourceGroups/rg-app/providers/Microsoft.Compute/restorePointCollections/c1";
        sandbox.arm().send("PUT", rpc + "?" + API, "{\"location\":\"eastus\",\"properties\":{\"source\":{\"id\":\""
                + vm("rg-app", "web01") + "\"}}}");
        assertShape("RestorePointCollection_Get.json", "200", sandbox.arm().get(rpc + "?" + API).json(), "/name", "/id", "/type",
                "/location", "/properties/source/id", "/properties/restorePointCollectionId", "/properties/provisioningState");
        ArmClient.Answer rp = sandbox.arm().send("PUT", rpc + "/restorePoints/p1?" + API, "{\"properties\":{}}");
        sandbox.arm().await(rp.header("Azure-AsyncOperation"));
        assertShape("RestorePoint_Get.json", "200", sandbox.arm().get(rpc + "/restorePoints/p1?" + API).json(), "/name", "/id",
                "/properties/sourceMetadata/hardwareProfile/vmSize", "/properties/sourceMetadata/storageProfile/osDisk/name",
                "/properties/provisioningState", "/properties/consistencyMode", "/properties/timeCreated");
        JsonNode graph = sandbox.arm().send("POST", "/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01",
                "{\"subscriptions\":[\"" + SUB + "\"],\"query\":\"Resources | where type =~ 'microsoft.compute/virtualmachines'\"}")
                .json();
        assertShape("ResourcesBasicQuery.json", "200", graph, "/totalRecords", "/count", "/resultTruncated", "/data/0/id",
                "/data/0/name", "/data/0/type", "/data/0/location", "/data/0/tags");
    }

    @Test
    void runCommandResult() throws Exception {
        ArmClient.Answer a = sandbox.arm().send("POST", vm("rg-app", "web01") + "/runCommand?" + API,
                "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"Get-Disk | ConvertTo-Json\"]}");
        sandbox.arm().await(a.header("Azure-AsyncOperation"));
        assertShape("VirtualMachineRunCommand.json", "200", sandbox.arm().get(a.header("Location")).json(), "/value/0/code",
                "/value/0/message", "/value/1/code");
    }
}
