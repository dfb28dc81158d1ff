package dev.trustlift.core.discover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustlift.core.cloud.CloudScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetDiscoveryProgressTest {

    @Test
    void theListenerHearsOfEachVmDescribed() {
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        List<DiscoveredVm> found = new FleetDiscovery(new FleetDiscoveryTest.ThreeVms(), 1)
                .discover(CloudScope.of(List.of("s1"), null), false,
                        (vm, done, total) -> heard.add(vm.name() + " " + done + "/" + total));
        assertEquals(3, found.size());
        assertEquals(List.of("gen1 1/3", "tl 2/3", "vhd 3/3"), heard);
    }
}
