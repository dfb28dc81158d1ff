package dev.trustlift.core.upgrade;

/**
 * One step of a VM's upgrade (DESIGN "One VM's upgrade: the steps"). A step is idempotent: each
 * call first reads the real state (the VM, its disk, its run command, its restore point) and
 * returns early when its work is done, so the runner may call it again at any time, also in a
 * new process after a crash. A step never waits: it starts at most one long-running operation
 * per call and returns {@link StepResult.Await}; the runner polls it and calls the step again
 * once it ended ({@link VmUpgrade#endedOperation()}). Steps get what they talk to (the cloud)
 * through their constructor; the runner journals every call.
 */
public interface Step {

    /** The step's name in the journal and the report, e.g. "guest-convert"; never changes. */
    String name();

    StepResult run(VmUpgrade vm);

    /** How often the step is tried before its failure decides the VM's fate. */
    default RetryPolicy retry() {
        return RetryPolicy.TRANSIENT;
    }
}
