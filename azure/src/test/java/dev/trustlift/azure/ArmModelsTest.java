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
            assertNull(view.hyperVGeneration());
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
