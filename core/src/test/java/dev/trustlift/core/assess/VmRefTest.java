package dev.trustlift.core.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VmRefTest {
    @Test
    void parsesAndPrintsTheId() {
        String id = "/subscriptions/s1/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/web01";
        VmRef ref = VmRef.parse(id);
        assertEquals(new VmRef("s1", "rg-app", "web01"), ref);
        assertEquals(id, ref.id());
    }

    @Test
    void comparesLikeArm() {
        assertTrue(new VmRef("S1", "RG-App", "Web01").sameVm(new VmRef("s1", "rg-app", "web01")));
    }

    @Test
    void rejectsOtherResourceTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VmRef.parse("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/disks/d"));
        assertTrue(e.getMessage().contains("expected /subscriptions/<id>/resourceGroups/<rg>"));
    }
}
