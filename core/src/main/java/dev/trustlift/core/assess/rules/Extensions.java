package dev.trustlift.core.assess.rules;

import dev.trustlift.core.cloud.Extension;
import java.util.List;
import java.util.Optional;

/** Finding known extensions among the VM's, as ARM names them (publisher and type are case-insensitive). */
final class Extensions {
    private Extensions() {
    }

    static Optional<Extension> find(List<Extension> extensions, String publisher, String type) {
        return extensions.stream().filter(e -> publisher.equalsIgnoreCase(e.publisher())
                && (type == null || type.equalsIgnoreCase(e.type()))).findFirst();
    }

    static String describe(Extension e) {
        return e.publisher() + "." + e.type() + (e.name() == null || e.name().isBlank() ? "" : " (" + e.name() + ")");
    }
}
