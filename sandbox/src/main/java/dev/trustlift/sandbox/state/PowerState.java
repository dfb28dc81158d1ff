package dev.trustlift.sandbox.state;

/** A VM's power state as the instance view reports it (code PowerState/&lt;code&gt;). */
public enum PowerState {
    RUNNING("running", "VM running"),
    STOPPED("stopped", "VM stopped"),
    DEALLOCATED("deallocated", "VM deallocated"),
    STARTING("starting", "VM starting"),
    DEALLOCATING("deallocating", "VM deallocating");

    private final String code;
    private final String display;

    PowerState(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public static PowerState of(String fleetValue) {
        if (fleetValue == null) {
            return RUNNING;
        }
        for (PowerState p : values()) {
            if (p.code.equals(fleetValue)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown power state " + fleetValue);
    }
}
