package dev.trustlift.sandbox.state;

import dev.trustlift.sandbox.fleet.FaultSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A VM's injected faults with their use counts. A fault with {@code times: n} fires on the first
 * n matching calls and then lets them through; without {@code times} it fires on every call.
 * Faults can be armed while the sandbox runs (POST /_sandbox/faults); they fire after those
 * already armed.
 */
public final class FaultPlan {
    private final List<Armed> armed = new CopyOnWriteArrayList<>();

    private record Armed(FaultSpec spec, AtomicInteger used) {
        boolean fire() {
            if (spec.times() == null) {
                used.incrementAndGet();
                return true;
            }
            int n = used.incrementAndGet();
            return n <= spec.times();
        }
    }

    private FaultPlan() {
    }

    public static FaultPlan of(List<FaultSpec> specs) {
        FaultPlan plan = new FaultPlan();
        plan.arm(specs);
        return plan;
    }

    /** Adds faults to the plan. */
    public void arm(List<FaultSpec> specs) {
        if (specs != null) {
            for (FaultSpec s : specs) {
                armed.add(new Armed(s, new AtomicInteger()));
            }
        }
    }

    public boolean isEmpty() {
        return armed.isEmpty();
    }

    /** The ARM fault that fires for this call of {@code op}, or null. */
    public FaultSpec fireOp(String op) {
        for (Armed a : armed) {
            if (op.equals(a.spec().op()) && a.fire()) {
                return a.spec();
            }
        }
        return null;
    }

    /** The forced result of a guest step ("mbr2gpt-convert", "boot", ...), or null. */
    public String fireGuest(String step) {
        for (Armed a : armed) {
            if (step.equals(a.spec().guest()) && a.fire()) {
                return a.spec().result();
            }
        }
        return null;
    }
}
