package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.resourcemanager.compute.fluent.models.RunCommandResultInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import dev.trustlift.core.cloud.InstanceView;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.cloud.ScriptResult;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Mapping of the shapes the public examples do not show: unmanaged, ephemeral, ADE, deallocated. */
class ArmModelsTest {

    static final String ID = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/";

    static VirtualMachineInner vm(String json) throws IOException {
        try (JsonReader reader = JsonProviders.createReader(json)) {
            return VirtualMachineInner.fromJson(reader);
        }
    }

    @Test
    void unmanagedDiskWithAdeAndNoOsTypeFallsBackToTheOsProfile() throws IOException {
        Vm vm = ArmModels.vm(vm("{\"id\":\"" + ID + "legacy\",\"name\":\"legacy\",\"location\":\"eastus\","
                + "\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_A2\"},"
                + "\"osProfile\":{\"linuxConfiguration\":{}},"
                + "\"storageProfile\":{\"osDisk\":{\"name\":\"legacy-os\",\"createOption\":\"Attach\","
                + "\"vhd\":{\"uri\":\"https://acct.blob.core.windows.net/vhds/legacy.vhd\"},"
                + "\"encryptionSettings\":{\"enabled\":true}}}}}"));
        assertEquals(OsType.LINUX, vm.osType());
        assertFalse(vm.osDisk().managed());
        assertNull(vm.osDisk().id());
        assertTrue(vm.diskEncryptionSettings());
        assertNull(vm.image());
        assertEquals(0, vm.osDisk().sizeGb());
    }

    @Test
    void scaleSetMembershipHibernationAndChildExtensionsAreRead() throws IOException {
        Vm vm = ArmModels.vm(vm("{\"id\":\"" + ID + "member\",\"name\":\"member\",\"location\":\"eastus\","
                + "\"properties\":{\"virtualMachineScaleSet\":{\"id\":\"/subscriptions/s1/resourceGroups/rg/providers/"
                + "Microsoft.Compute/virtualMachineScaleSets/vmss1\"},\"additionalCapabilities\":{\"hibernationEnabled\":true},"
                + "\"storageProfile\":{\"osDisk\":{\"osType\":\"Linux\",\"createOption\":\"FromImage\"}}},"
                + "\"resources\":[{\"id\":\"" + ID + "member/extensions/AzureDiskEncryptionForLinux\","
                + "\"name\":\"AzureDiskEncryptionForLinux\",\"properties\":{\"publisher\":\"Microsoft.Azure.Security\","
                + "\"type\":\"AzureDiskEncryptionForLinux\"}}]}"));
        assertTrue(vm.scaleSetMember());
        assertTrue(vm.scaleSetId().endsWith("/virtualMachineScaleSets/vmss1"));
        assertTrue(vm.hibernationEnabled());
        assertEquals(java.util.List.of(new dev.trustlift.core.cloud.Extension("Microsoft.Azure.Security",
                "AzureDiskEncryptionForLinux", "AzureDiskEncryptionForLinux")), vm.extensions());
        Vm plain = ArmModels.vm(vm("{\"id\":\"" + ID + "plain\",\"name\":\"plain\",\"location\":\"eastus\","
                + "\"properties\":{\"storageProfile\":{\"osDisk\":{\"osType\":\"Linux\",\"createOption\":\"FromImage\"}}}}"));
        assertFalse(plain.scaleSetMember());
        assertFalse(plain.hibernationEnabled());
        assertNull(plain.extensions(), "no child list means unknown, not none");
    }

    @Test
    void absentNullAndStandardSecurityTypesAreAllStandard() throws IOException {
        // api-version 2025-11-01 and later send "Standard"; earlier ones leave securityProfile out.
        String absent = "{\"id\":\"" + ID + "a\",\"name\":\"a\",\"location\":\"eastus\",\"properties\":{}}";
        String nullType = "{\"id\":\"" + ID + "n\",\"name\":\"n\",\"location\":\"eastus\","
                + "\"properties\":{\"securityProfile\":{\"securityType\":null}}}";
        String standard = "{\"id\":\"" + ID + "s\",\"name\":\"s\",\"location\":\"eastus\","
                + "\"properties\":{\"securityProfile\":{\"securityType\":\"Standard\"}}}";
        String trusted = "{\"id\":\"" + ID + "t\",\"name\":\"t\",\"location\":\"eastus\","
                + "\"properties\":{\"securityProfile\":{\"securityType\":\"TrustedLaunch\"}}}";
        assertEquals(SecurityType.STANDARD, ArmModels.vm(vm(absent)).securityType(), "absent");
        assertNull(ArmModels.vm(vm(absent)).timeCreated(), "no timeCreated in the model: unknown");
        assertEquals(SecurityType.STANDARD, ArmModels.vm(vm(nullType)).securityType(), "null");
        assertEquals(SecurityType.STANDARD, ArmModels.vm(vm(standard)).securityType(), "Standard");
        assertEquals(SecurityType.TRUSTED_LAUNCH, ArmModels.vm(vm(trusted)).securityType());
    }

    @Test
    void ephemeralOsDiskIsFlagged() throws IOException {
        Vm vm = ArmModels.vm(vm("{\"id\":\"" + ID + "eph\",\"name\":\"eph\",\"location\":\"eastus\",\"zones\":[\"2\"],"
                + "\"properties\":{\"storageProfile\":{\"osDisk\":{\"osType\":\"Windows\",\"createOption\":\"FromImage\","
                + "\"diffDiskSettings\":{\"option\":\"Local\"},\"managedDisk\":{\"id\":\"/subscriptions/s1/resourceGroups/rg/"
                + "providers/Microsoft.Compute/disks/eph-os\"}}}}}"));
        assertTrue(vm.osDisk().ephemeral());
        assertTrue(vm.osDisk().managed());
        assertEquals(java.util.List.of("2"), vm.zones());
        assertFalse(vm.diskEncryptionSettings());
    }

    @Test
    void deallocatedInstanceViewHasNoAgentAndNoOs() throws IOException {
        String json = "{\"statuses\":[{\"code\":\"ProvisioningState/succeeded\",\"level\":\"Info\"},"
                + "{\"code\":\"PowerState/deallocated\",\"level\":\"Info\",\"displayStatus\":\"VM deallocated\"}]}";
        try (JsonReader reader = JsonProviders.createReader(json)) {
            InstanceView view = ArmModels.instanceView(VirtualMachineInstanceViewInner.fromJson(reader));
            assertEquals(PowerState.DEALLOCATED, view.powerState());
            assertNull(view.agentStatus());
            assertFalse(view.agentReady());
            assertNull(view.osName());
            assertEquals(dev.trustlift.core.cloud.HyperVGeneration.UNKNOWN, view.hyperVGeneration(), "unknown, never V1");
        }
    }

    @Test
    void runCommandWithoutAnyStatusIsUnknownExit() throws IOException {
        try (JsonReader reader = JsonProviders.createReader("{\"value\":[]}")) {
            ScriptResult r = RunCommandOutput.parse(RunCommandResultInner.fromJson(reader));
            assertEquals(ScriptResult.UNKNOWN_EXIT, r.exitCode());
        }
    }
}
