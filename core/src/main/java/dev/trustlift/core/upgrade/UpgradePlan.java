package dev.trustlift.core.upgrade;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The steps every VM goes through, as data the runner follows.
 *
 * <p>{@code steps} run in order. The {@code window} is the run of steps from the first that may
 * change the OS disk to the one that has the VM running again: once its first step started, the
 * VM is no longer at a safe point (a converted disk boots only under UEFI), so an interrupted run
 * finishes the window before it stops, and a failure inside it runs {@code recovery} (restore the
 * OS disk from the restore point, start the VM as it was) when the step is in {@code recoverable}
 * or its failure says the disk changed. A VM whose recovery ran ends FAILED, running as it was.
 *
 * @param detours a step run once, just before a retry of {@code step}, when {@code step} failed with
 *        {@code errorCode} (register-feature before set-trusted-launch is tried again)
 * @param cleanup steps run once the VM's final state is decided, whatever it is (delete the run
 *        command): their failures never change that state, and a crash skips them (the final
 *        state is journaled first)
 */
public record UpgradePlan(List<Step> steps, Set<String> window, Set<String> recoverable, List<Step> recovery,
                          List<Detour> detours, List<Step> cleanup) {

    public UpgradePlan(List<Step> steps, Set<String> window, Set<String> recoverable, List<Step> recovery,
                       List<Detour> detours) {
        this(steps, window, recoverable, recovery, detours, List.of());
    }

    /** Run {@code detour} when {@code step} failed with {@code errorCode}, then try {@code step} again. */
    public record Detour(String step, String errorCode, Step detour) {
    }

    public UpgradePlan {
        steps = List.copyOf(steps);
        window = Set.copyOf(window);
        recoverable = Set.copyOf(recoverable);
        recovery = List.copyOf(recovery);
        detours = List.copyOf(detours);
        cleanup = List.copyOf(cleanup);
        Set<String> names = new HashSet<>();
        for (Step s : steps) {
            requireUnique(names, s.name());
        }
        for (Step s : recovery) {
            requireUnique(names, s.name());
        }
        for (Detour d : detours) {
            requireUnique(names, d.detour().name());
        }
        for (Step c : cleanup) {
            requireUnique(names, c.name());
        }
        Set<String> stepNames = new HashSet<>();
        steps.forEach(st -> stepNames.add(st.name()));
        for (String w : window) {
            if (!stepNames.contains(w)) {
                throw new IllegalArgumentException("window step " + w + " is not in the plan");
            }
        }
    }

    private static void requireUnique(Set<String> names, String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("two steps are named " + name);
        }
    }

    public int index(String step) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(step)) {
                return i;
            }
        }
        return -1;
    }

    public int recoveryIndex(String step) {
        for (int i = 0; i < recovery.size(); i++) {
            if (recovery.get(i).name().equals(step)) {
                return i;
            }
        }
        return -1;
    }

    public boolean inWindow(String step) {
        return window.contains(step);
    }

    /** The first step of the window: an interrupted run may still stop before it starts. */
    public Optional<String> windowStart() {
        return steps.stream().map(Step::name).filter(window::contains).findFirst();
    }

    public Optional<Detour> detour(String step, String errorCode) {
        return detours.stream().filter(d -> d.step().equals(step) && d.errorCode().equalsIgnoreCase(errorCode)).findFirst();
    }

    public Optional<Detour> detourNamed(String name) {
        return detours.stream().filter(d -> d.detour().name().equals(name)).findFirst();
    }
}
