package dev.trustlift.core.assess;

import java.util.Optional;

/**
 * One check of contracts/assessment.md. A rule reads only the facts it is given; it never calls
 * the cloud, so a fleet is assessed with one round of fact gathering.
 */
public interface Rule {

    /** The stable contract id, e.g. "TL020". */
    String id();

    /** A finding when the rule's condition holds for this VM, empty otherwise. */
    Optional<Finding> evaluate(VmFacts facts);

    /**
     * The verdict a finding of this rule forces regardless of other findings (SKIPPED,
     * ALREADY_TRUSTED_LAUNCH); empty for rules that only contribute their severity.
     */
    default Optional<Verdict> forcedVerdict() {
        return Optional.empty();
    }
}
