package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.fleet.SubscriptionSpec;
import dev.trustlift.sandbox.fleet.VmSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every management lock of the fleet: on subscriptions, resource groups, VMs and OS disks. Locks
 * are fixed for the sandbox's life (creating and deleting locks is not emulated).
 */
public final class LockBook {
    private final List<ManagementLock> locks = new ArrayList<>();

    void addSubscription(SubscriptionSpec s) {
        String sub = "/subscriptions/" + s.id();
        add(sub, "subscription", s.locks());
        if (s.resourceGroupLocks() != null) {
            for (Map.Entry<String, List<String>> e : s.resourceGroupLocks().entrySet()) {
                add(sub + "/resourceGroups/" + e.getKey(), "group", e.getValue());
            }
        }
    }

    void addVm(VmSpec vm, String osDiskId) {
        add(vm.resourceId(), "vm", vm.locks());
        if (vm.osDisk() != null) {
            add(osDiskId, "disk", vm.osDisk().locks());
        }
    }

    private void add(String scope, String prefix, List<String> levels) {
        if (levels == null) {
            return;
        }
        for (String level : levels) {
            locks.add(new ManagementLock(scope, prefix + "-lock-" + level.toLowerCase(Locale.ROOT), level));
        }
    }

    /** The locks that apply to a resource: on it, on a parent resource, its group or its subscription. */
    public List<ManagementLock> covering(String resourceId) {
        return locks.stream().filter(l -> l.covers(resourceId)).toList();
    }

    /**
     * What listing the locks at {@code scope} returns: the locks that apply to it and those on
     * anything under it (a resource group's listing shows its resources' locks).
     */
    public List<ManagementLock> listedAt(String scope) {
        return locks.stream().filter(l -> l.covers(scope) || l.isWithin(scope)).toList();
    }
}
