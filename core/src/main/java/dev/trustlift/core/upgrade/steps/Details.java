package dev.trustlift.core.upgrade.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.upgrade.VmUpgrade;
import java.util.Optional;

/** What the front steps journal for each other: detail objects and the values later steps read back. */
final class Details {
    private Details() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The VM's location as inspect journaled it; read from ARM when inspect's detail is not there. */
    static String location(VmUpgrade vm, Cloud cloud) {
        return text(vm, InspectStep.NAME, InspectStep.LOCATION).orElseGet(() -> cloud.getVm(vm.ref()).location());
    }

    static Optional<String> text(VmUpgrade vm, String step, String key) {
        return vm.detailOf(step).map(d -> d.get(key)).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }
}
