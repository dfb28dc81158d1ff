package dev.trustlift.core.assess.gather;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.vmlist.VmListEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the VMs to assess: every VM of a scope, or the VMs a --vms file names. The official CSV
 * names no subscription, so each row is looked up in the given subscriptions; a VM found in none
 * or in several, or a subscription that cannot be read, becomes a per-VM UNKNOWN rather than
 * stopping the run.
 */
public final class VmResolver {
    private final Cloud cloud;

    public VmResolver(Cloud cloud) {
        this.cloud = cloud;
    }

    public List<Target> fromScope(CloudScope scope) {
        return cloud.listVms(scope).stream().map(Target::found).toList();
    }

    public List<Target> fromList(List<VmListEntry> entries, List<String> subscriptions) {
        List<Target> out = new ArrayList<>(entries.size());
        for (VmListEntry e : entries) {
            Target t = e.subscription() != null ? byId(new VmRef(e.subscription(), e.resourceGroup(), e.name()))
                    : inSubscriptions(e, subscriptions);
            out.add(t.vm() == null ? t : Target.found(t.vm(), e.enableSecureBoot()));
        }
        return out;
    }

    private Target byId(VmRef ref) {
        try {
            return Target.found(cloud.getVm(ref));
        } catch (CloudException ex) {
            return Target.missing(ref, reason(ex, ref.subscription()));
        }
    }

    private Target inSubscriptions(VmListEntry e, List<String> subscriptions) {
        List<Vm> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String subscription : subscriptions) {
            try {
                found.add(cloud.getVm(new VmRef(subscription, e.resourceGroup(), e.name())));
            } catch (CloudException ex) {
                if (!ex.isNotFound() || ex.code().toLowerCase(java.util.Locale.ROOT).contains("subscription")) {
                    problems.add(reason(ex, subscription));
                }
            }
        }
        VmRef placeholder = new VmRef(subscriptions.get(0), e.resourceGroup(), e.name());
        if (found.size() == 1) {
            return Target.found(found.get(0));
        }
        if (found.size() > 1) {
            return Target.missing(found.get(0).ref(), "line " + e.line() + ": " + e.describe() + " exists in subscriptions "
                    + String.join(" and ", found.stream().map(v -> v.ref().subscription()).toList())
                    + "; list it by resource id instead");
        }
        String where = subscriptions.size() == 1 ? "subscription " + subscriptions.get(0)
                : "any of subscriptions " + String.join(", ", subscriptions);
        return Target.missing(placeholder, "line " + e.line() + ": " + e.describe() + " not found in " + where
                + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"));
    }

    private static String reason(CloudException ex, String subscription) {
        if (ex.httpStatus() == 403 || "AuthorizationFailed".equalsIgnoreCase(ex.code())) {
            return "access denied in subscription " + subscription + ": " + ex.getMessage();
        }
        if (ex.isNotFound()) {
            return "not found: " + ex.getMessage();
        }
        return ex.getMessage();
    }
}
