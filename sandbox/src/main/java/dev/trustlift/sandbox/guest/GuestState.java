package dev.trustlift.sandbox.guest;

import dev.trustlift.sandbox.fleet.GuestSpec;

/** What the simulated OS knows beyond the partition table; changed by scripts (defrag, conversion). */
public final class GuestState {
    private final String bitlocker;
    private long freeSpaceMb;
    private long unmovableTailMb;
    private final boolean fstabUsesPartuuid;

    public GuestState(GuestSpec spec) {
        GuestSpec s = spec == null ? new GuestSpec(null, null, null, null, null) : spec;
        this.bitlocker = s.bitlocker() == null ? "off" : s.bitlocker();
        this.freeSpaceMb = s.freeSpaceMb() == null ? 20_000 : s.freeSpaceMb();
        this.unmovableTailMb = s.unmovableTailMb() == null ? 0 : s.unmovableTailMb();
        this.fstabUsesPartuuid = s.fstabUsesPartuuid() != null && s.fstabUsesPartuuid();
    }

    public synchronized String bitlocker() {
        return bitlocker;
    }

    public synchronized long freeSpaceMb() {
        return freeSpaceMb;
    }

    public synchronized long unmovableTailMb() {
        return unmovableTailMb;
    }

    public boolean fstabUsesPartuuid() {
        return fstabUsesPartuuid;
    }

    /** MiB that C: / root can give up by shrinking: free space not held behind unmovable files. */
    public synchronized long shrinkableMb() {
        return Math.max(0, freeSpaceMb - unmovableTailMb);
    }

    synchronized void consume(long mb) {
        freeSpaceMb = Math.max(0, freeSpaceMb - mb);
    }

    /** {@code Defrag C: /U /V} moves the files that blocked shrinking. */
    synchronized void defragment() {
        unmovableTailMb = 0;
    }
}
