package dev.trustlift.core.cloud;

/**
 * A restore point's consistency. ARM takes an application-consistent point when the mode is
 * omitted; crash-consistent is the fallback when the agent cannot quiesce the guest, and has
 * its own minimum spacing (1 h against 3 h, facts/arm.md "Restore points").
 */
public enum ConsistencyMode {
    APPLICATION_CONSISTENT("ApplicationConsistent"),
    CRASH_CONSISTENT("CrashConsistent");

    private final String armName;

    ConsistencyMode(String armName) {
        this.armName = armName;
    }

    public String armName() {
        return armName;
    }

    /** Null (ARM's default) reads as application-consistent; an unknown word is null. */
    public static ConsistencyMode parse(String value) {
        if (value == null) {
            return APPLICATION_CONSISTENT;
        }
        for (ConsistencyMode m : values()) {
            if (m.armName.equalsIgnoreCase(value)) {
                return m;
            }
        }
        return null;
    }
}
