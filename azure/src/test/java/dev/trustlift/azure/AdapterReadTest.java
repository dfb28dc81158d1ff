package dev.trustlift.azure;

import static dev.trustlift.azure.FakeArm.SUB;
import static dev.trustlift.azure.FakeArm.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.azure.FakeArm.Answer;
import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.Extension;
import dev.trustlift.core.cloud.FeatureState;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OsDisk;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.ResourceLock;
import dev.trustlift.core.cloud.ResourceSku;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The adapter's read calls against the public ARM example payloads: the SDK parses them and the
 * fields trustlift uses reach the port's records intact.
 */
class AdapterReadTest extends AdapterOnFakeArm {

    static final String RG_PATH = "/subscriptions/" + SUB + "/resourceGroups/myResourceGroup";
    static final String VM_PATH = RG_PATH + "/providers/Microsoft.Compute/virtualMachines/myVM";
    static final VmRef MY_VM = new VmRef(SUB, "myResourceGroup", "myVM");

    /** The Trusted Launch example is a PUT answer; as a GET answer it has an id and a final state. */
    static String trustedLaunchVm(String name) {
        return example("VirtualMachine_Create_WithUefiSettings.json", 200)
                .replace("\"Creating\"", "\"Succeeded\"").replace("virtualMachines/myVM", "virtualMachines/" + name)
                .replace("\"name\":\"myVM\"", "\"name\":\"" + name + "\"");
    }

    @Test
    void getVmKeepsTheFieldsAssessNeeds() {
        arm.on("GET", VM_PATH, Answer.json(200, example("VirtualMachine_Get.json", 200)));
        Vm vm = cloud.getVm(MY_VM);
        assertEquals(MY_VM, vm.ref());
        assertEquals("West US", vm.location());
        assertEquals("Standard_DS3_v2", vm.size());
        assertEquals(OsType.WINDOWS, vm.osType());
        assertEquals(SecurityType.STANDARD, vm.securityType(), "no securityProfile means Standard");
        assertFalse(vm.secureBootEnabled());
        assertTrue(vm.availabilitySetId().endsWith("/availabilitySets/my-AvailabilitySet"));
        assertEquals(Map.of("myTag1", "tagValue1"), vm.tags());
        assertEquals("myOsDisk", vm.osDisk().name());
        assertTrue(vm.osDisk().managed());
        assertFalse(vm.osDisk().ephemeral());
        assertEquals(30, vm.osDisk().sizeGb());
        assertTrue(vm.osDisk().id().endsWith("/disks/myOsDisk"));
        assertEquals("MicrosoftWindowsServer:WindowsServer:2016-Datacenter:latest", vm.image().toString());
        assertFalse(vm.diskEncryptionSettings());
        assertEquals("Succeeded", vm.provisioningState());
        assertEquals(1, arm.count("GET", VM_PATH));
        assertTrue(arm.calls().get(0).query().contains("api-version=2024-11-01"), arm.calls().get(0).query());
    }

    @Test
    void trustedLaunchProfileIsRead() {
        arm.on("GET", VM_PATH, Answer.json(200, trustedLaunchVm("myVM")));
        Vm vm = cloud.getVm(MY_VM);
        assertEquals(SecurityType.TRUSTED_LAUNCH, vm.securityType());
        assertTrue(vm.secureBootEnabled());
        assertTrue(vm.vTpmEnabled());
        assertEquals("Standard_D2s_v3", vm.size());
    }

    @Test
    void instanceViewGivesPowerAgentOsAndGeneration() {
        arm.on("GET", VM_PATH + "/instanceView", Answer.json(200, example("VirtualMachine_Get_InstanceView.json", 200)));
        InstanceView view = cloud.getInstanceView(MY_VM);
        assertEquals(PowerState.RUNNING, view.powerState());
        assertTrue(view.agentReady());
        assertEquals("Windows Server 2016 Datacenter", view.osName());
        assertEquals("Microsoft Windows NT 10.0.14393.0", view.osVersion());
        assertEquals(HyperVGeneration.V1, view.hyperVGeneration());
        assertEquals(List.of("ProvisioningState/succeeded", "PowerState/running"),
                view.statuses().stream().map(InstanceView.Status::code).toList());
    }

    @Test
    void diskGivesGenerationEncryptionAndSecurityType() {
        String diskPath = RG_PATH + "/providers/Microsoft.Compute/disks/myOsDisk";
        arm.on("GET", diskPath, Answer.json(200, example("Disk_Get.json", 200)));
        OsDisk disk = cloud.getDisk(RG_PATH + "/providers/Microsoft.Compute/disks/myOsDisk");
        assertEquals(HyperVGeneration.V1, disk.hyperVGeneration());
        assertEquals(10, disk.sizeGb());
        assertEquals("EncryptionAtRestWithPlatformKey", disk.encryptionType());
        assertEquals(SecurityType.TRUSTED_LAUNCH, disk.securityType());
        assertEquals("westus", disk.location());
        assertTrue(disk.managedBy().endsWith("/virtualMachines/TestVM414689371c88843d65ec"));
        assertTrue(arm.calls().get(0).query().contains("api-version=2024-03-02"));
    }

    @Test
    void extensionsAreListed() {
        arm.on("GET", VM_PATH + "/extensions",
                Answer.json(200, example("VirtualMachineExtension_List_MaximumSet_Gen.json", 200)));
        assertEquals(List.of(new Extension("extPublisher", "extType", "myVMExtension")), cloud.listExtensions(MY_VM));
    }

    @Test
    void skusAreFilteredByLocationWithCapabilities() {
        String restricted = "{\"value\":[{\"resourceType\":\"virtualMachines\",\"name\":\"Standard_D2s_v3\","
                + "\"locations\":[\"westus\"],\"capabilities\":[{\"name\":\"HyperVGenerations\",\"value\":\"V1,V2\"},"
                + "{\"name\":\"TrustedLaunchDisabled\",\"value\":\"True\"}],\"restrictions\":[{\"type\":\"Location\","
                + "\"values\":[\"westus\"],\"reasonCode\":\"NotAvailableForSubscription\"}]},"
                + "{\"resourceType\":\"disks\",\"name\":\"Premium_LRS\",\"locations\":[\"westus\"]}]}";
        String base = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/skus";
        arm.on("GET", base, call -> call.query().contains("page2")
                ? Answer.json(200, restricted)
                : Answer.json(200, example("ListAvailableResourceSkus.json", 200)
                        .replaceFirst("\\}$", ",\"nextLink\":\"" + arm.base() + base + "?page2=1&api-version=2021-07-01\"}")));
        List<ResourceSku> skus = cloud.listSkus(SUB, "westus");
        ResourceSku a0 = skus.get(0);
        assertEquals("Standard_A0", a0.name());
        assertEquals(Set.of(HyperVGeneration.V1), a0.hyperVGenerations());
        assertEquals("1", a0.capabilities().get("vCPUs"));
        assertFalse(a0.trustedLaunchDisabled());
        assertTrue(a0.availableForSubscription());
        ResourceSku d2 = skus.stream().filter(s -> s.name().equals("Standard_D2s_v3")).findFirst().orElseThrow();
        assertEquals(Set.of(HyperVGeneration.V1, HyperVGeneration.V2), d2.hyperVGenerations());
        assertTrue(d2.trustedLaunchDisabled());
        assertFalse(d2.availableForSubscription());
        assertTrue(skus.stream().noneMatch(s -> s.name().equals("Premium_LRS")), "disk SKUs are not VM sizes");
        String firstQuery = java.net.URLDecoder.decode(arm.calls().get(0).query(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(firstQuery.contains("$filter=location eq 'westus'"), firstQuery);
        assertEquals(2, arm.count("GET", base), "the second page was followed");
    }

    @Test
    void featureIsReadAndRegistered() {
        String path = "/subscriptions/" + SUB + "/providers/Microsoft.Features/providers/Microsoft.Compute/features/Gen1ToTLMigrationPreview";
        arm.on("GET", path, Answer.json(200, example("getFeature.json", 200)));
        arm.on("POST", path + "/register", Answer.json(200,
                example("registerFeature.json", 200).replace("\"registered\"", "\"Registering\"")));
        FeatureState got = cloud.getFeature(SUB, "Microsoft.Compute/Gen1ToTLMigrationPreview");
        assertTrue(got.registered());
        FeatureState registering = cloud.registerFeature(SUB, "Microsoft.Compute/Gen1ToTLMigrationPreview");
        assertEquals(FeatureState.Registration.REGISTERING, registering.state());
        assertEquals(1, arm.count("POST", path + "/register"));
    }

    @Test
    void backupStatusAndEnhancedPolicyGoThroughThePipeline() {
        arm.on("POST", "/subscriptions/" + SUB + "/providers/Microsoft.RecoveryServices/locations/westus/backupStatus",
                Answer.json(200, example("GetBackupStatus.json", 200)));
        arm.on("GET", "/subscriptions/[0-]+/resourceGroups/testRg/providers/Microsoft.RecoveryServices/Vaults/testVault/backupPolicies/myPolicy",
                Answer.json(200, example("v2-Get-Policy.json", 200)));
        BackupProtection backup = cloud.getBackupProtection(MY_VM, "westus");
        assertTrue(backup.isProtected());
        assertEquals("myPolicy", backup.policyName());
        assertEquals(BackupProtection.PolicyType.ENHANCED, backup.policyType());
        assertTrue(backup.vaultId().endsWith("/Vaults/testVault"));
        FakeArm.Call post = arm.calls().get(0);
        assertTrue(post.body().contains("\"resourceId\":\"" + MY_VM.id() + "\""), post.body());
        assertTrue(post.query().contains("api-version=2025-02-01"));
        cloud.getBackupProtection(new VmRef(SUB, "otherRg", "otherVm"), "westus");
        assertEquals(3, arm.calls().size(), "a second VM on the same policy costs only its status query");
    }

    @Test
    void unprotectedVmNeedsNoPolicyLookup() {
        arm.on("POST", ".*/backupStatus", Answer.json(200, "{\"protectionStatus\":\"NotProtected\"}"));
        assertEquals(BackupProtection.notProtected(), cloud.getBackupProtection(MY_VM, "westus"));
        assertEquals(1, arm.calls().size());
    }

    @Test
    void locksOnTheGroupAndTheVmAreFoundButNotOnOtherResources() {
        String lockList = "{\"value\":["
                + lock(RG_PATH, "rgLock", "CanNotDelete") + ","
                + lock(RG_PATH + "/providers/Microsoft.Compute/virtualMachines/otherVM", "otherLock", "ReadOnly") + ","
                + lock(VM_PATH, "vmLock", "ReadOnly") + "]}";
        arm.on("GET", RG_PATH + "/providers/Microsoft.Authorization/locks", Answer.json(200, lockList));
        arm.on("GET", VM_PATH + "/providers/Microsoft.Authorization/locks",
                Answer.json(200, "{\"value\":[" + lock(VM_PATH, "vmLock", "ReadOnly") + "]}"));
        List<ResourceLock> locks = cloud.findLocks(MY_VM);
        assertEquals(List.of(new ResourceLock("rgLock", ResourceLock.Level.CAN_NOT_DELETE, RG_PATH),
                new ResourceLock("vmLock", ResourceLock.Level.READ_ONLY, VM_PATH)), locks);
    }

    @Test
    void aGroupsLocksAreOneListingWithEveryResourcesLocks() {
        String lockList = "{\"value\":["
                + lock(RG_PATH, "rgLock", "CanNotDelete") + ","
                + lock(RG_PATH + "/providers/Microsoft.Compute/virtualMachines/otherVM", "otherLock", "ReadOnly") + "]}";
        arm.on("GET", RG_PATH + "/providers/Microsoft.Authorization/locks", Answer.json(200, lockList));
        List<ResourceLock> locks = cloud.listResourceGroupLocks(SUB, MY_VM.resourceGroup());
        assertEquals(List.of(new ResourceLock("rgLock", ResourceLock.Level.CAN_NOT_DELETE, RG_PATH),
                new ResourceLock("otherLock", ResourceLock.Level.READ_ONLY,
                        RG_PATH + "/providers/Microsoft.Compute/virtualMachines/otherVM")), locks);
        assertEquals(1, arm.calls().size());
    }

    private static String lock(String scope, String name, String level) {
        return "{\"id\":\"" + scope + "/providers/Microsoft.Authorization/locks/" + name + "\",\"name\":\"" + name
                + "\",\"type\":\"Microsoft.Authorization/locks\",\"properties\":{\"level\":\"" + level + "\"}}";
    }

    @Test
    void listFollowsPagesAndFiltersTags() {
        String path = "/subscriptions/" + SUB + "/providers/Microsoft.Compute/virtualMachines";
        arm.on("GET", path, call -> call.query().contains("page=2")
                ? Answer.json(200, "{\"value\":[" + trustedLaunchVm("tlVM") + "]}")
                : Answer.json(200, "{\"value\":[" + example("VirtualMachine_Get.json", 200) + "],\"nextLink\":\""
                        + arm.base() + path + "?page=2&api-version=2024-11-01\"}"));
        List<Vm> all = cloud.listVms(CloudScope.of(List.of(SUB), null));
        assertEquals(List.of("myVM", "tlVM"), all.stream().map(v -> v.ref().name()).toList());
        List<Vm> tagged = cloud.listVms(new CloudScope(List.of(SUB), null, Map.of("myTag1", "tagValue1")));
        assertEquals(List.of("myVM"), tagged.stream().map(v -> v.ref().name()).toList());
    }

    @Test
    void listInOneResourceGroupUsesTheGroupPath() {
        arm.on("GET", RG_PATH + "/providers/Microsoft.Compute/virtualMachines",
                Answer.json(200, "{\"value\":[" + example("VirtualMachine_Get.json", 200) + "]}"));
        assertEquals(1, cloud.listVms(CloudScope.of(List.of(SUB), "myResourceGroup")).size());
    }

    @Test
    void resourceGraphPagesWithSkipToken() {
        String vmRow = example("VirtualMachine_Get.json", 200).replaceFirst("^\\{", "{\"resourceGroup\":\"myResourceGroup\",");
        arm.on("POST", "/providers/Microsoft.ResourceGraph/resources", call -> call.body().contains("page2")
                ? Answer.json(200, "{\"totalRecords\":2,\"count\":1,\"resultTruncated\":\"false\",\"data\":["
                        + trustedLaunchVm("tlVM") + "]}")
                : Answer.json(200, "{\"totalRecords\":2,\"count\":1,\"resultTruncated\":\"false\",\"$skipToken\":\"page2\","
                        + "\"data\":[" + vmRow + "]}"));
        List<Vm> vms = cloud.queryVms(CloudScope.of(List.of(SUB), "myResourceGroup"));
        assertEquals(List.of("myVM", "tlVM"), vms.stream().map(v -> v.ref().name()).toList());
        assertEquals(SecurityType.TRUSTED_LAUNCH, vms.get(1).securityType());
        String first = arm.calls().get(0).body();
        assertTrue(first.contains("\"query\":\"Resources | where type =~ 'microsoft.compute/virtualmachines'"
                + " | where resourceGroup =~ 'myResourceGroup'\""), first);
        assertTrue(first.contains("\"subscriptions\":[\"" + SUB + "\"]"), first);
        assertTrue(first.contains("objectArray"), first);
    }

    @Test
    void resourceGraphQueryCarriesTheScopeWithQuotedValues() {
        assertEquals("Resources | where type =~ 'microsoft.compute/virtualmachines'", GraphVmQuery.query(CloudScope.of(List.of(SUB), null)));
        assertEquals("Resources | where type =~ 'microsoft.compute/virtualmachines' | where resourceGroup =~ 'rg-App'"
                + " | where tags['app'] == 'web' | where tags['owner'] == 'O\\'Brien \\\\ ops\\n'",
                GraphVmQuery.query(new CloudScope(List.of(SUB), "rg-App", Map.of("owner", "O'Brien \\ ops\n", "app", "web"))));
    }
}
