package dev.trustlift.core.assess;

import dev.trustlift.core.cloud.VmRef;

/**
 * A rule threw on one VM's facts: a bug in trustlift (or facts it cannot handle), never a fact
 * about the VM. It stops the run (exit 1) instead of turning into a verdict that would blame the VM.
 */
public final class RuleFailure extends RuntimeException {
    private final String rule;

    public RuleFailure(String rule, VmRef vm, RuntimeException cause) {
        super("rule " + rule + " failed on VM " + vm.id() + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse("")), cause);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
