package dev.trustlift.core.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.Assessor;
import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.VmFacts;
import dev.trustlift.core.assess.rules.StandardRules;
import dev.trustlift.core.cloud.SecurityProfileChange;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.upgrade.WhatIfPlanner.Change;
import dev.trustlift.core.upgrade.WhatIfPlanner.Outcome;
import dev.trustlift.core.upgrade.WhatIfPlanner.VmPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The --what-if plan of one VM from its facts and assessment: every change, or why it is left alone. */
class WhatIfPlannerTest {
    static final Assessor ASSESSOR = new Assessor(StandardRules.all());
    static final String ON = "{\"securityProfile\":{\"securityType\":\"TrustedLaunch\",\"uefiSettings\":"
            + "{\"secureBootEnabled\":true,\"vTpmEnabled\":true}}}";
    static final String OFF = ON.replace("\"secureBootEnabled\":true", "\"secureBootEnabled\":false");

    static VmPlan plan(VmFacts facts, VmOptions options) {
        return WhatIfPlanner.plan(facts, ASSESSOR.assess(facts), options, "tl-20261208-033500");
    }

    static VmFacts windows(long freeMb) {
        return Fixtures.windows().guest(new GuestFacts(BitLockerState.OFF, Fixtures.windowsDefaultLayout(), freeMb, 0L, null,
                null, 3)).build();
    }

    static Change change(VmPlan plan, String step) {
        return plan.changes().stream().filter(c -> c.step().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError(step + " in " + plan.changes()));
    }

    @Test
    void theIssuesPatchBodyIsWhatSetTrustedLaunchSends() {
        assertEquals(ON, SecurityProfileChange.trustedLaunch(true).patchBody());
        assertEquals(OFF, SecurityProfileChange.trustedLaunch(false).patchBody());
    }

    @Test
    void aWindowsGen1VmGetsEveryStepWithItsDiskNumberAndTheRestorePointsName() {
        VmPlan p = plan(windows(20000), VmOptions.defaults());
        assertEquals(Outcome.UPGRADE, p.outcome());
        assertEquals(List.of("guest-validate", "protect", "guest-convert", "deallocate", "set-trusted-launch", "verify-profile",
                "start", "verify-guest", "post-fixes", "done"), p.changes().stream().map(Change::step).toList());
        assertTrue(change(p, "guest-validate").details().get(0).matches("mbr2gpt-validate\\.ps1 version \\d+ \\(DiskNumber=3\\)"),
                change(p, "guest-validate").toString());
        assertTrue(change(p, "guest-convert").details().get(0).matches("mbr2gpt-convert\\.ps1 version \\d+ \\(DiskNumber=3\\)"));
        assertEquals("create restore point before-trusted-launch-tl-20261208-033500", change(p, "protect").action());
        assertTrue(change(p, "protect").details().get(0).contains("/restorePointCollections/trustlift-web01 "),
                change(p, "protect").toString());
        assertEquals(ON, change(p, "set-trusted-launch").details().get(0));
        assertTrue(change(p, "set-trusted-launch").action().startsWith("PATCH /subscriptions/"));
    }

    @Test
    void noRoomForTheEspIsMadeRoomForUnlessMakeRoomIsNone() {
        VmPlan shrink = plan(windows(50), VmOptions.defaults());
        assertEquals(Outcome.UPGRADE, shrink.outcome());
        assertTrue(change(shrink, "guest-validate").details().get(1).contains("make-room.ps1 version")
                && change(shrink, "guest-validate").details().get(1).contains("(Mode=shrink, ShrinkMb=100)"),
                change(shrink, "guest-validate").toString());
        VmPlan none = plan(windows(50), new VmOptions(null, false, MakeRoom.NONE));
        assertEquals(Outcome.BLOCKED, none.outcome());
        assertEquals(List.of("TL091"), none.blockers().stream().map(f -> f.rule()).toList());
    }

    @Test
    void tl083TurnsSecureBootOffUnlessTheVmListSaysOn() {
        VmFacts gpu = Fixtures.linux().size("Standard_NC6s_v3").guest(new GuestFacts(BitLockerState.OFF,
                Fixtures.linuxAzureGpt(), 8000L, null, true, false)).build();
        VmPlan off = plan(gpu, VmOptions.defaults());
        assertEquals(Outcome.UPGRADE, off.outcome(), off.toString());
        assertEquals(OFF, change(off, "set-trusted-launch").details().get(0));
        assertTrue(change(off, "set-trusted-launch").details().get(1).contains("TL083"));
        assertEquals(ON, change(plan(gpu, new VmOptions(true, false, MakeRoom.SHRINK)), "set-trusted-launch").details().get(0));
        assertEquals(List.of("protect", "deallocate", "set-trusted-launch", "verify-profile", "start", "verify-guest", "done"),
                off.changes().stream().map(Change::step).toList(), "a GPT disk with an ESP needs no guest conversion");
        assertTrue(change(off, "verify-guest").details().get(1).startsWith("verify-guest.sh version "));
    }

    @Test
    void aLinuxMbrDiskIsBlockedInThisVersionAndBlockersLeaveTheVmUntouched() {
        VmFacts mbr = Fixtures.linux().guest(new GuestFacts(BitLockerState.OFF, Fixtures.linuxPlainMbr(2048L * 300), 8000L,
                null, false, false)).build();
        VmPlan p = plan(mbr, VmOptions.defaults());
        assertEquals(Outcome.BLOCKED, p.outcome());
        assertTrue(p.blockers().stream().anyMatch(f -> f.rule().equals("TL092")), p.toString());
        assertEquals(List.of(), p.changes());
        VmPlan ws2016 = plan(Fixtures.windows().os("Windows Server 2016 Datacenter", "10.0.14393.0").build(), VmOptions.defaults());
        assertEquals(Outcome.BLOCKED, ws2016.outcome());
        assertTrue(ws2016.blockers().stream().anyMatch(f -> f.rule().equals("TL030")), ws2016.toString());
    }

    @Test
    void trustedLaunchAlreadyIsNothingToDo() {
        VmPlan p = plan(Fixtures.windows().securityType(SecurityType.TRUSTED_LAUNCH).build(), VmOptions.defaults());
        assertEquals(Outcome.NOTHING_TO_DO, p.outcome());
        assertEquals(List.of(), p.changes());
    }
}
