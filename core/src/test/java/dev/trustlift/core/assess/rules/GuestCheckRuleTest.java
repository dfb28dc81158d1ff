package dev.trustlift.core.assess.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.OsDiskFacts;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.HyperVGeneration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TL008: one warning that lists what only the guest could tell and why it stayed unknown. */
class GuestCheckRuleTest {
    private final Tl008GuestNotChecked tl008 = new Tl008GuestNotChecked();

    @Test
    void windowsGen1NotProbedLacksBitLockerLayoutAndEspRoom() {
        Finding f = tl008.evaluate(Fixtures.windows().guestNotProbed("the VM is not running (deallocated)").build())
                .orElseThrow();
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(List.of("BitLocker (TL061)", "disk layout (TL090)", "ESP room (TL091)"), f.evidence().get("unknown"));
        assertEquals("the VM is not running (deallocated)", f.evidence().get("cause"));
        assertTrue(f.message().startsWith("guest not checked: BitLocker (TL061), disk layout (TL090), ESP room (TL091)"),
                f.message());
    }

    @Test
    void linuxGen1NotProbedLacksLayoutAndEspRoomButNoBitLocker() {
        Finding f = tl008.evaluate(Fixtures.linux().guestNotProbed("--no-probe-guest given").build()).orElseThrow();
        assertEquals(List.of("disk layout (TL090, TL092, TL093)", "ESP room (TL091)"), f.evidence().get("unknown"));
    }

    @Test
    void gen2WindowsOnlyLacksBitLockerAndGen2LinuxLacksNothing() {
        OsDiskFacts gen2 = new OsDiskFacts("d", true, false, HyperVGeneration.V2, DiskEncryption.NONE, null, 127);
        Finding f = tl008.evaluate(Fixtures.windows().osDisk(gen2).guestNotProbed("a ReadOnly lock refuses Run Command (see TL110)")
                .build()).orElseThrow();
        assertEquals(List.of("BitLocker (TL061)"), f.evidence().get("unknown"));
        assertTrue(tl008.evaluate(Fixtures.linux().osDisk(gen2).guestNotProbed("no guest rule applies").build()).isEmpty());
    }

    @Test
    void unknownGenerationCountsAsPossiblyGen1() {
        OsDiskFacts unknown = new OsDiskFacts("d", false, false, HyperVGeneration.UNKNOWN, DiskEncryption.NONE, null, 127);
        Finding f = tl008.evaluate(Fixtures.linux().osDisk(unknown).guestNotProbed("the VM agent is not Ready (no status)")
                .build()).orElseThrow();
        assertEquals(List.of("disk layout (TL090, TL092, TL093)", "ESP room (TL091)"), f.evidence().get("unknown"));
    }

    @Test
    void probedGuestIsCheckedUnlessTheProbeLeftSomethingOut() {
        assertTrue(tl008.evaluate(Fixtures.windows().guest(Fixtures.windowsGuest(Fixtures.windowsDefaultLayout(), 20000, 0))
                .build()).isEmpty());
        Finding f = tl008.evaluate(Fixtures.windows().guest(new GuestFacts(BitLockerState.UNKNOWN,
                Fixtures.windowsDefaultLayout(), null, null, null, null)).build()).orElseThrow();
        assertEquals(List.of("BitLocker (TL061)", "ESP room (TL091)"), f.evidence().get("unknown"));
        assertEquals("the guest probe did not report them", f.evidence().get("cause"));
    }
}
