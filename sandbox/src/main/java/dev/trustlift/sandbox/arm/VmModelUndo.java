package dev.trustlift.sandbox.arm;

import dev.trustlift.sandbox.state.DiskRecord;
import dev.trustlift.sandbox.state.VmRecord;
import java.util.Map;

/**
 * What a VM PATCH/PUT changes at once (size, security type and its disk's generation, OS disk,
 * tags), captured so an update whose operation fails with nothing applied can put it all back.
 */
final class VmModelUndo {
    private VmModelUndo() {
    }

    /** Captures the VM's model now (caller holds the VM's lock); the Runnable restores it. */
    static Runnable of(VmRecord vm) {
        String size = vm.size();
        String type = vm.securityType();
        boolean secureBoot = vm.secureBoot();
        boolean vTpm = vm.vTpm();
        Map<String, String> tags = vm.tags();
        DiskRecord disk = vm.osDisk();
        String generation = disk.hyperVGeneration();
        String diskType = disk.securityType();
        return () -> {
            DiskRecord now = vm.osDisk();
            if (now != disk) {
                now.setManagedBy(null);
                disk.setManagedBy(vm.id());
                vm.setOsDisk(disk);
            }
            disk.setHyperVGeneration(generation);
            disk.setSecurityType(diskType);
            vm.setSize(size);
            vm.setSecurity(type, secureBoot, vTpm);
            vm.setTags(tags);
        };
    }
}
