package dev.trustlift.sandbox.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.guest.BootJudge.BootOutcome;
import dev.trustlift.sandbox.guest.DiskLayout;
import dev.trustlift.sandbox.http.Json;
import dev.trustlift.sandbox.state.ArmState;
import dev.trustlift.sandbox.state.DiskRecord;
import dev.trustlift.sandbox.state.SubscriptionRecord;
import dev.trustlift.sandbox.state.VmRecord;

/** The fleet's truth as JSON: what tests check instead of trusting what the tool says happened. */
final class StateReport {
    private StateReport() {
    }

    static ObjectNode render(ArmState state, String onlyVm) {
        ObjectNode root = Json.object();
        ArrayNode subs = root.putArray("subscriptions");
        for (SubscriptionRecord s : state.subscriptions()) {
            ObjectNode n = subs.addObject();
            n.put("id", s.id());
            ObjectNode f = n.putObject("features");
            s.features().forEach(f::put);
        }
        ArrayNode vms = root.putArray("vms");
        for (VmRecord vm : state.vmsInOrder()) {
            if (onlyVm == null || onlyVm.equalsIgnoreCase(vm.name())) {
                vms.add(vm(vm));
            }
        }
        return root;
    }

    private static ObjectNode vm(VmRecord vm) {
        synchronized (vm) {
            ObjectNode n = Json.object();
            n.put("id", vm.id());
            n.put("name", vm.name());
            n.put("resourceGroup", vm.resourceGroup());
            n.put("osType", vm.spec().osType());
            n.put("power", vm.power().code());
            n.put("provisioningState", vm.provisioningState());
            n.put("size", vm.size());
            n.put("securityType", vm.securityType() == null ? "Standard" : vm.securityType());
            n.put("secureBoot", vm.secureBoot());
            n.put("vTpm", vm.vTpm());
            n.put("firmware", vm.uefi() ? "UEFI" : "BIOS");
            n.put("agent", vm.effectiveAgent());
            DiskRecord d = vm.osDisk();
            ObjectNode disk = n.putObject("osDisk");
            disk.put("id", d.id());
            disk.put("hyperVGeneration", d.hyperVGeneration());
            disk.put("securityType", d.securityType());
            disk.put("sizeGb", d.sizeGb());
            disk.set("layout", layout(d.layout()));
            BootOutcome boot = vm.lastBoot();
            if (boot == null) {
                n.putNull("boot");
            } else {
                n.putObject("boot").put("firmware", boot.firmware()).put("booted", boot.booted()).put("message", boot.message());
            }
            n.putObject("guest").put("bitlocker", vm.guest().bitlocker()).put("freeSpaceMb", vm.guest().freeSpaceMb())
                    .put("unmovableTailMb", vm.guest().unmovableTailMb())
                    .put("driveD", vm.guest().driveD()).put("tempDiskLetter", vm.guest().tempDiskLetter());
            return n;
        }
    }

    static ObjectNode layout(DiskLayout l) {
        ObjectNode n = Json.object();
        n.put("scheme", l.scheme().name());
        n.put("sectorSize", l.sectorSize());
        n.put("sectors", l.sectors());
        n.put("biosBootCode", l.biosBootCode());
        n.put("efiBootLoader", l.efiBootLoader());
        ArrayNode parts = n.putArray("partitions");
        for (DiskLayout.Part p : l.parts()) {
            parts.addObject().put("number", p.number()).put("type", p.type()).put("start", p.start())
                    .put("sectors", p.sectors()).put("active", p.active()).put("logical", p.logical());
        }
        return n;
    }
}
