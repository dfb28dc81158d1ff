package dev.trustlift.core.assess.gather;

import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;

/**
 * A VM to assess: found (its model read) or not (the reason becomes an UNKNOWN verdict).
 *
 * @param vm null when the VM could not be read
 * @param problem why the VM could not be read, null when found
 * @param enableSecureBoot what the VM list asks for this VM; null when it does not say
 */
public record Target(VmRef ref, Vm vm, String problem, Boolean enableSecureBoot) {

    public static Target found(Vm vm) {
        return new Target(vm.ref(), vm, null, null);
    }

    public static Target found(Vm vm, Boolean enableSecureBoot) {
        return new Target(vm.ref(), vm, null, enableSecureBoot);
    }

    public static Target missing(VmRef ref, String problem) {
        return new Target(ref, null, problem, null);
    }
}
