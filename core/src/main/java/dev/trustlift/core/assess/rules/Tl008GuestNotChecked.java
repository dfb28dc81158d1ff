package dev.trustlift.core.assess.rules;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.Rule;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.cloud.HyperVGeneration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TL008: the guest rules could not run, so the verdict says nothing about what only the guest
 * knows. One finding lists what stayed unknown for this OS and disk (BitLocker on Windows; disk
 * layout and room for the ESP on a disk that may still be Gen1) and why, instead of a silent
 * READY. The guest rules themselves stay quiet when their facts are missing.
 */
public final class Tl008GuestNotChecked implements Rule {
    static final String BITLOCKER = "BitLocker (TL061)";
    static final String ESP_ROOM = "ESP room (TL091)";

    @Override
    public String id() {
        return VmAssessment.GUEST_NOT_CHECKED;
    }

    @Override
    public Optional<Finding> evaluate(VmFacts facts) {
        List<String> unknown = unknown(facts);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        String cause = facts.guest() == null
                ? (facts.guestNote() == null ? "the guest probe did not run" : facts.guestNote())
                : "the guest probe did not report them";
        return Optional.of(Finding.of(id(), Severity.WARNING, "guest not checked: " + String.join(", ", unknown)
                        + " stayed unknown (" + cause + ")")
                .evidence("unknown", unknown)
                .evidence("cause", cause)
                .remediation("run assess with the guest probe once the cause is gone (VM running, agent Ready, no "
                        + "ReadOnly lock); upgrade probes the guest before it changes anything")
                .build());
    }

    /** What the guest rules would have read for this VM and could not. */
    static List<String> unknown(VmFacts facts) {
        GuestFacts guest = facts.guest();
        boolean mayBeGen1 = facts.osDisk().generation() != HyperVGeneration.V2;
        List<String> out = new ArrayList<>();
        if (facts.windows() && (guest == null || guest.bitLocker() == BitLockerState.UNKNOWN)) {
            out.add(BITLOCKER);
        }
        if (mayBeGen1 && (guest == null || guest.layout() == null)) {
            out.add(facts.linux() ? "disk layout (TL090, TL092, TL093)" : "disk layout (TL090)");
        }
        if (mayBeGen1 && (guest == null || guest.layout() == null || facts.windows() && guest.freeMb() == null)) {
            out.add(ESP_ROOM);
        }
        return out;
    }
}
