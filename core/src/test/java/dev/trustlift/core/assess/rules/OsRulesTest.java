package dev.trustlift.core.assess.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.AgentStatus;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.cloud.PowerState;
import dev.trustlift.core.assess.Severity;
import org.junit.jupiter.api.Test;

/** TL030, TL031, TL032, TL101. */
class OsRulesTest {

    @Test
    void tl030BlocksWindowsServer2016() {
        Finding f = new Tl030WindowsServer2016().evaluate(Fixtures.windows()
                .os("Windows Server 2016 Datacenter", "10.0.14393.7259").build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("10.0.14393.7259", f.evidence().get("osVersion"));
        assertTrue(f.remediation().contains("Windows Server 2019 or 2022"));
    }

    @Test
    void tl030SilentForOtherWindows() {
        assertTrue(new Tl030WindowsServer2016().evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void tl031BlocksExcludedDebianAndNamesSupportedVersions() {
        Finding f = new Tl031OsNotSupported().evaluate(Fixtures.linux().os("debian", "12").build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertTrue(f.message().contains("excluded"), f.message());
        assertTrue(f.remediation().contains("Ubuntu 18.04/20.04/22.04"), f.remediation());
    }

    @Test
    void tl031BlocksAzureLinuxUnderItsOldName() {
        assertTrue(new Tl031OsNotSupported().evaluate(Fixtures.linux().os("mariner", "2.0").build()).orElseThrow()
                .message().startsWith("Azure Linux 2.0 is excluded"));
    }

    @Test
    void tl031BlocksUnlistedDistroAndVersion() {
        assertTrue(new Tl031OsNotSupported().evaluate(Fixtures.linux().os("centos", "7.9").build()).orElseThrow()
                .message().contains("not on the Trusted Launch supported list"));
        assertTrue(new Tl031OsNotSupported().evaluate(Fixtures.linux().os("ubuntu", "16.04").build()).isPresent());
        assertTrue(new Tl031OsNotSupported().evaluate(Fixtures.windows().os("Windows Server 2012 R2 Datacenter", "6.3.9600")
                .build()).orElseThrow().remediation().contains("Windows Server 2019"));
    }

    @Test
    void tl031SilentForSupportedAndUnknown() {
        assertTrue(new Tl031OsNotSupported().evaluate(Fixtures.linux().build()).isEmpty());
        assertTrue(new Tl031OsNotSupported().evaluate(Fixtures.linux().os("sles", "15-SP4").build()).isEmpty());
        assertTrue(new Tl031OsNotSupported().evaluate(Fixtures.windows().build()).isEmpty());
        assertTrue(new Tl031OsNotSupported().evaluate(Fixtures.windows().os(null, null).build()).isEmpty());
    }

    @Test
    void tl032OnRunningVmAsksToRepairTheAgent() {
        Finding f = new Tl032OsUnknown().evaluate(Fixtures.windows().os(null, null).agent(AgentStatus.NOT_READY).build())
                .orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("unknown", f.evidence().get("osName"));
        assertTrue(f.remediation().startsWith("repair the VM agent"));
    }

    @Test
    void tl032OnStoppedVmAsksToStartIt() {
        Finding f = new Tl032OsUnknown().evaluate(Fixtures.linux().os(null, null).powerState(PowerState.DEALLOCATED).build())
                .orElseThrow();
        assertTrue(f.message().contains("deallocated"));
        assertTrue(f.remediation().startsWith("start the VM"));
    }

    @Test
    void tl032FiresForLinuxDistroWithoutVersion() {
        assertTrue(new Tl032OsUnknown().evaluate(Fixtures.linux().os("ubuntu", null).build()).isPresent());
    }

    @Test
    void tl032SilentWhenOsKnown() {
        assertTrue(new Tl032OsUnknown().evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void tl101WarnsWindows10AboutTheWindows11Build() {
        Finding f = new Tl101LaterInPlaceUpgrade().evaluate(Fixtures.windows().os("Windows 10 Enterprise", "10.0.19045").build())
                .orElseThrow();
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.remediation().contains("26100.2314"));
    }

    @Test
    void tl101WarnsServer2019About2022() {
        assertTrue(new Tl101LaterInPlaceUpgrade().evaluate(Fixtures.windows().build()).orElseThrow()
                .remediation().contains("The boot loader did not load an operating system"));
    }

    @Test
    void tl101SilentForOtherOs() {
        assertTrue(new Tl101LaterInPlaceUpgrade().evaluate(Fixtures.windows().os("Windows Server 2022 Datacenter", "10.0.20348")
                .build()).isEmpty());
        assertTrue(new Tl101LaterInPlaceUpgrade().evaluate(Fixtures.linux().build()).isEmpty());
        assertTrue(new Tl101LaterInPlaceUpgrade().evaluate(Fixtures.windows().os(null, null).build()).isEmpty());
    }
}
