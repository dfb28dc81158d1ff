package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.LockFact;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.List;
import java.util.Optional;

/** TL110: a ReadOnly lock forbids the deallocate and update the upgrade needs. CanNotDelete is harmless. */
public final class Tl110ReadOnlyLock implements Rule {
    @Override
    public String id() {
        return "TL110";
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        List<LockFact> readOnly = facts.locks().stream().filter(l -> l.level() == LockFact.Level.READ_ONLY).toList();
        if (readOnly.isEmpty()) {
            return Optional.empty();
        }
        List<String> named = readOnly.stream().map(l -> "'" + l.name() + "' on the " + l.scope().words()).toList();
        return Optional.of(Finding.of(id(), Severity.BLOCKER, "ReadOnly lock " + String.join(", ", named))
                .evidence("locks", named)
                .remediation("remove " + (readOnly.size() == 1 ? "the lock" : "the locks") + " " + String.join(", ", named)
                        + " for the upgrade window (az lock delete), and put " + (readOnly.size() == 1 ? "it" : "them")
                        + " back after")
                .build());
    }
}
