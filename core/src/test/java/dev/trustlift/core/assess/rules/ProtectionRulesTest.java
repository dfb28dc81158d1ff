package dev.trustlift.core.assess.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import dev.trustlift.core.assess.SiteRecoveryFacts;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.BackupProtection;
import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.OsDiskFacts;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.cloud.Extension;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TL050, TL060, TL061, TL070. */
class ProtectionRulesTest {
    private static final String VAULT_ID = "/subscriptions/" + Fixtures.SUB
            + "/resourceGroups/rg-backup/providers/Microsoft.RecoveryServices/vaults/rsv-prod";
    private static final Extension ADE = new Extension("Microsoft.Azure.Security", "AzureDiskEncryption", "AzureDiskEncryption");

    @Test
    void tl050BlocksStandardPolicyNamingVaultAndPolicy() {
        Finding f = new Tl050BackupStandardPolicy().evaluate(Fixtures.windows().backup(
                new BackupProtection(true, VAULT_ID, "DailyPolicy", BackupProtection.PolicyType.STANDARD)).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("rsv-prod", f.evidence().get("vault"));
        assertEquals(VAULT_ID, f.evidence().get("vaultId"));
        assertEquals("DailyPolicy", f.evidence().get("policy"));
        assertTrue(f.remediation().contains("in vault 'rsv-prod', move the VM from Standard policy 'DailyPolicy'"));
    }

    @Test
    void tl050SilentForEnhancedOrUnprotected() {
        assertTrue(new Tl050BackupStandardPolicy().evaluate(Fixtures.windows().backup(
                new BackupProtection(true, "rsv-prod", "Hourly", BackupProtection.PolicyType.ENHANCED)).build()).isEmpty());
        assertTrue(new Tl050BackupStandardPolicy().evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void tl060BlocksAdeExtension() {
        Finding f = new Tl060AzureDiskEncryption().evaluate(Fixtures.windows().extensions(List.of(ADE)).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertTrue(String.valueOf(f.evidence().get("extension")).startsWith("Microsoft.Azure.Security.AzureDiskEncryption"));
        assertTrue(f.remediation().contains("az vm encryption disable -g rg-app -n web01 --volume-type OS"));
    }

    @Test
    void tl060BlocksEncryptionSettingsWithoutExtension() {
        Finding f = new Tl060AzureDiskEncryption().evaluate(Fixtures.windows().osDisk(
                new OsDiskFacts("web01-os", true, false, HyperVGeneration.V1, DiskEncryption.ADE, null, 127)).build()).orElseThrow();
        assertEquals(true, f.evidence().get("encryptionSettings"));
        assertEquals("none", f.evidence().get("extension"));
    }

    @Test
    void tl060SilentForLinuxAndForSseCmk() {
        assertTrue(new Tl060AzureDiskEncryption().evaluate(Fixtures.linux().extensions(List.of(ADE)).build()).isEmpty());
        assertTrue(new Tl060AzureDiskEncryption().evaluate(Fixtures.windows().osDisk(
                new OsDiskFacts("web01-os", true, false, HyperVGeneration.V1, DiskEncryption.SSE_CMK, null, 127)).build()).isEmpty());
    }

    @Test
    void tl061BlocksBitLockerOn() {
        Finding f = new Tl061BitLocker().evaluate(Fixtures.windows().guest(guest(BitLockerState.ON)).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("on", f.evidence().get("bitLocker"));
    }

    @Test
    void tl061SilentWhenOffOrSuspended() {
        assertTrue(new Tl061BitLocker().evaluate(Fixtures.windows().guest(guest(BitLockerState.OFF)).build()).isEmpty());
        assertTrue(new Tl061BitLocker().evaluate(Fixtures.windows().guest(guest(BitLockerState.SUSPENDED)).build()).isEmpty());
    }

    @Test
    void tl061StaysQuietWhenNotProbedAndLeavesItToTl008() {
        assertTrue(new Tl061BitLocker().evaluate(Fixtures.windows().guestNotProbed("--no-probe-guest given").build())
                .isEmpty());
    }

    @Test
    void tl061SilentForLinux() {
        assertTrue(new Tl061BitLocker().evaluate(Fixtures.linux().build()).isEmpty());
    }

    @Test
    void tl070BlocksReplicatedVmAndNamesTheProtectedItem() {
        Finding f = new Tl070SiteRecovery().evaluate(Fixtures.windows().siteRecovery(
                SiteRecoveryFacts.replicated(ITEM, "Protected")).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals(ITEM + " (Protected)", f.evidence().get("replicationItem"));
        assertEquals("none", f.evidence().get("extension"));
        assertEquals("2024-06-01T10:00:00Z", f.evidence().get("timeCreated"));
        assertFalse(f.remediation().contains("2024-04-01"), "a Windows VM has no re-protection caveat: " + f.remediation());
    }

    @Test
    void tl070WarnsOldLinuxVmsMayNotBeReprotected() {
        Finding f = new Tl070SiteRecovery().evaluate(Fixtures.linux().timeCreated(Instant.parse("2023-11-02T08:00:00Z"))
                .siteRecovery(SiteRecoveryFacts.replicated(ITEM, "Protected")).build()).orElseThrow();
        assertEquals("2023-11-02T08:00:00Z", f.evidence().get("timeCreated"));
        assertTrue(f.remediation().contains("created 2023-11-02T08:00:00Z, before 2024-04-01"), f.remediation());
        assertTrue(f.remediation().contains("re-protecting it may be refused after the upgrade"), f.remediation());
    }

    @Test
    void tl070LinuxVmCreatedAfterTheCutOffHasNoCaveatAndUnknownTimeSaysSo() {
        Finding recent = new Tl070SiteRecovery().evaluate(Fixtures.linux().timeCreated(Instant.parse("2024-04-01T00:00:00Z"))
                .siteRecovery(SiteRecoveryFacts.replicated(ITEM, "Protected")).build()).orElseThrow();
        assertFalse(recent.remediation().contains("may be refused"), recent.remediation());
        Finding unknown = new Tl070SiteRecovery().evaluate(Fixtures.linux().timeCreated(null)
                .siteRecovery(SiteRecoveryFacts.replicated(ITEM, "Protected")).build()).orElseThrow();
        assertEquals("unknown", unknown.evidence().get("timeCreated"));
        assertTrue(unknown.remediation().contains("creation time is unknown"), unknown.remediation());
    }

    @Test
    void tl070UnreadableVaultsBlockAndSaySoNeverNotReplicated() {
        Finding f = new Tl070SiteRecovery().evaluate(Fixtures.windows().siteRecovery(
                SiteRecoveryFacts.unreadable("HTTP 403 AuthorizationFailed")).build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity(), "unchecked is not READY: contracts/assessment.md gives TL070 as BLOCKER");
        assertEquals("could not be read: HTTP 403 AuthorizationFailed", f.evidence().get("replicationItem"));
        assertTrue(f.message().contains("unknown"), f.message());
    }

    @Test
    void tl070UnreadableVaultsWithTheExtensionStillBlock() {
        Finding f = new Tl070SiteRecovery().evaluate(Fixtures.windows().siteRecovery(SiteRecoveryFacts.unreadable("HTTP 500"))
                .extensions(List.of(new Extension("Microsoft.Azure.RecoveryServices.SiteRecovery", "Windows", "SiteRecovery-Windows")))
                .build()).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("could not be read: HTTP 500", f.evidence().get("replicationItem"));
    }

    @Test
    void tl070BlocksMobilityExtensionAndNamesIt() {
        Finding f = new Tl070SiteRecovery().evaluate(Fixtures.windows().extensions(List.of(new Extension(
                "Microsoft.Azure.RecoveryServices.SiteRecovery", "Windows", "SiteRecovery-Windows"))).build()).orElseThrow();
        assertTrue(f.remediation().contains("(SiteRecovery-Windows)"), f.remediation());
    }

    @Test
    void tl070SilentWithoutReplication() {
        assertTrue(new Tl070SiteRecovery().evaluate(Fixtures.windows().build()).isEmpty());
    }

    private static final String ITEM = "/subscriptions/" + Fixtures.SUB + "/resourceGroups/rg-dr/providers/"
            + "Microsoft.RecoveryServices/vaults/rsv-dr/replicationFabrics/asr-a2a-default-eastus/"
            + "replicationProtectionContainers/asr-a2a-default-eastus-container/replicationProtectedItems/web01";

    private static GuestFacts guest(BitLockerState state) {
        return new GuestFacts(state, Fixtures.windowsDefaultLayout(), 20000L, 0L, null, null);
    }
}
