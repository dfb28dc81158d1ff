package dev.trustlift.sandbox.state;

import java.util.Locale;

/**
 * A management lock (Microsoft.Authorization/locks) at one scope: a subscription, a resource group
 * or one resource. It covers its scope and everything under it, never what sits beside it: a lock
 * on a VM does not cover the VM's disk, which is a resource of its own.
 */
public record ManagementLock(String scope, String name, String level) {
    public static final String READ_ONLY = "ReadOnly";
    public static final String CAN_NOT_DELETE = "CanNotDelete";

    public String id() {
        return scope + "/providers/Microsoft.Authorization/locks/" + name;
    }

    /** True when {@code resourceId} is this lock's scope or lies under it. */
    public boolean covers(String resourceId) {
        return within(resourceId, scope);
    }

    /** True when this lock's scope lies under {@code outer} (or is it). */
    public boolean isWithin(String outer) {
        return within(scope, outer);
    }

    private static boolean within(String inner, String outer) {
        String i = inner.toLowerCase(Locale.ROOT);
        String o = outer.toLowerCase(Locale.ROOT);
        return i.equals(o) || i.startsWith(o.endsWith("/") ? o : o + "/");
    }
}
