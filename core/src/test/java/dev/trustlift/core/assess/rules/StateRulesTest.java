package dev.trustlift.core.assess.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.AgentStatus;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.Placement;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.assess.LockFact;
import dev.trustlift.core.assess.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TL040, TL041, TL110, TL120. */
class StateRulesTest {

    @Test
    void tl040AutoFixesStoppedVm() {
        Finding f = new Tl040NotRunning().evaluate(Fixtures.windows().powerState(PowerState.DEALLOCATED).build()).orElseThrow();
        assertEquals(Severity.AUTO_FIX, f.severity());
        assertEquals("deallocated", f.evidence().get("powerState"));
        assertTrue(f.remediation().contains("--start-stopped"));
        assertTrue(f.remediation().contains("az vm start -g rg-app -n web01"));
    }

    @Test
    void tl040SilentWhenRunning() {
        assertTrue(new Tl040NotRunning().evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void tl041BlocksRunningVmWithAgentNotReady() {
        Finding f = new Tl041AgentNotReady().evaluate(Fixtures.windows().agent(AgentStatus.NOT_READY).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("NotReady", f.evidence().get("agent"));
        assertTrue(f.remediation().contains("WindowsAzureGuestAgent"));
    }

    @Test
    void tl041GivesLinuxAgentAdvice() {
        assertTrue(new Tl041AgentNotReady().evaluate(Fixtures.linux().agent(AgentStatus.UNKNOWN).build()).orElseThrow()
                .remediation().contains("waagent"));
    }

    @Test
    void tl041SilentWhenReadyOrStopped() {
        assertTrue(new Tl041AgentNotReady().evaluate(Fixtures.windows().build()).isEmpty());
        assertTrue(new Tl041AgentNotReady().evaluate(Fixtures.windows().powerState(PowerState.STOPPED)
                .agent(AgentStatus.UNKNOWN).build()).isEmpty());
    }

    @Test
    void tl110BlocksReadOnlyLocksAndNamesThem() {
        Finding f = new Tl110ReadOnlyLock().evaluate(Fixtures.windows().locks(List.of(
                new LockFact("freeze", LockFact.Level.READ_ONLY, LockFact.Scope.RESOURCE_GROUP),
                new LockFact("keep", LockFact.Level.CAN_NOT_DELETE, LockFact.Scope.VM),
                new LockFact("disk-ro", LockFact.Level.READ_ONLY, LockFact.Scope.OS_DISK))).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals(List.of("'freeze' on the resource group", "'disk-ro' on the OS disk"), f.evidence().get("locks"));
        assertTrue(f.remediation().startsWith("remove the locks 'freeze'"), f.remediation());
    }

    @Test
    void tl110SilentForCanNotDeleteOnly() {
        assertTrue(new Tl110ReadOnlyLock().evaluate(Fixtures.windows().locks(List.of(
                new LockFact("keep", LockFact.Level.CAN_NOT_DELETE, LockFact.Scope.VM))).build()).isEmpty());
    }

    @Test
    void tl120ReportsAvailabilitySet() {
        Finding f = new Tl120AvailabilityGroup().evaluate(Fixtures.windows()
                .placement(new Placement("avset-web", List.of(), null)).build()).orElseThrow();
        assertEquals(Severity.INFO, f.severity());
        assertEquals("avset-web", f.evidence().get("availabilitySet"));
    }

    @Test
    void tl120ReportsZones() {
        Finding f = new Tl120AvailabilityGroup().evaluate(Fixtures.windows()
                .placement(new Placement(null, List.of("1"), null)).build()).orElseThrow();
        assertEquals(List.of("1"), f.evidence().get("zones"));
        assertEquals("member of zone 1", f.message());
    }

    @Test
    void tl120SilentForRegionalVm() {
        assertTrue(new Tl120AvailabilityGroup().evaluate(Fixtures.windows().build()).isEmpty());
    }
}
