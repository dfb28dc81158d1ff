package dev.trustlift.core.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.cloud.OsDiskRef;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.SecurityType;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.CampaignState;
import dev.trustlift.core.journal.CampaignVm;
import dev.trustlift.core.journal.SqliteJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaigns in a real SQLite journal: created from targets with per-VM options, found again by resume and rollback. */
class CampaignsTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T03:35:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static CampaignOptions options(Boolean secureBoot) {
        return new CampaignOptions(CampaignOptions.UPGRADE, List.of(SUB), "rg-app", Map.of("env", "prod"), null,
                secureBoot, true, MakeRoom.DEFRAG, 3, Duration.ofSeconds(30), null);
    }

    static final String SUB = "11111111-1111-1111-1111-111111111111";

    static Vm vm(String name) {
        return vm("rg-app", name);
    }

    static Vm vm(String group, String name) {
        return new Vm(new VmRef(SUB, group, name), "eastus", "Standard_D2s_v5", List.of(), null, OsType.WINDOWS,
                SecurityType.STANDARD, false, false, Map.of(), new OsDiskRef("/disks/" + name + "-os", name + "-os", true, false, 127),
                null, false, "Succeeded");
    }

    @Test
    void anUpgradeCampaignHoldsEachVmOnceWithTheListsSecureBootOverTheFlag() {
        try (SqliteJournal j = SqliteJournal.open(dir.resolve("j.db"))) {
            Campaign c = Campaigns.createUpgrade(j, List.of(Target.found(vm("web01"), false), Target.found(vm("web02")),
                    Target.found(vm("web01"), true)), options(true), CLOCK, "test");
            assertEquals("tl-20261208-033500", c.id());
            List<CampaignVm> vms = j.vms(c.id());
            assertEquals(2, vms.size(), "web01 once");
            assertEquals(new VmOptions(false, true, MakeRoom.DEFRAG), VmOptions.fromJson(vms.get(0).optionsJson()));
            assertEquals(new VmOptions(true, true, MakeRoom.DEFRAG), VmOptions.fromJson(vms.get(1).optionsJson()));
            assertEquals(options(true), CampaignOptions.fromJson(j.campaign(c.id()).orElseThrow().optionsJson()));
            Campaign second = Campaigns.createUpgrade(j, List.of(Target.found(vm("web03"))), options(null), CLOCK, "test");
            assertEquals("tl-20261208-033500-2", second.id(), "two campaigns in one second get distinct ids");
            assertNull(VmOptions.fromJson(j.vms(second.id()).get(0).optionsJson()).secureBoot());
        }
    }

    @Test
    void aMissingVmIsRefused() {
        try (SqliteJournal j = SqliteJournal.open(dir.resolve("j.db"))) {
            assertThrows(IllegalArgumentException.class, () -> Campaigns.createUpgrade(j,
                    List.of(Target.missing(new VmRef(SUB, "rg-app", "ghost"), "not found")), options(null), CLOCK, "t"));
        }
    }

    @Test
    void resumeTakesTheLatestUnfinishedCampaign() {
        try (SqliteJournal j = SqliteJournal.open(dir.resolve("j.db"))) {
            assertTrue(Campaigns.latestOpen(j).isEmpty());
            Campaign a = Campaigns.createUpgrade(j, List.of(Target.found(vm("a"))), options(null), CLOCK, "t");
            Campaign b = Campaigns.createUpgrade(j, List.of(Target.found(vm("b"))), options(null), CLOCK, "t");
            j.setCampaignState(b.id(), CampaignState.FINISHED);
            j.setCampaignState(a.id(), CampaignState.INTERRUPTED);
            assertEquals(a.id(), Campaigns.latestOpen(j).orElseThrow().id());
            j.setCampaignState(a.id(), CampaignState.FINISHED);
            assertTrue(Campaigns.latestOpen(j).isEmpty());
        }
    }

    @Test
    void rollbackFindsTheVmByNameOrIdAndCarriesItsRestorePoint() {
        try (SqliteJournal j = SqliteJournal.open(dir.resolve("j.db"))) {
            Campaign c = Campaigns.createUpgrade(j, List.of(Target.found(vm("web01"), false)), options(null), CLOCK, "t");
            CampaignVm row = j.vms(c.id()).get(0);
            j.saveVm(row.withRestorePointId("/rp/1"));
            assertEquals(row.vmId(), Campaigns.findUpgradedVm(j, "WEB01").orElseThrow().vmId());
            assertEquals(row.vmId(), Campaigns.findUpgradedVm(j, row.vmId().toUpperCase()).orElseThrow().vmId());
            assertTrue(Campaigns.findUpgradedVm(j, "web02").isEmpty());
            Campaign rollback = Campaigns.createRollback(j, j.vm(c.id(), row.vmId()).orElseThrow(), CLOCK, "t");
            assertEquals("rollback-20261208-033500", rollback.id());
            CampaignOptions o = CampaignOptions.fromJson(rollback.optionsJson());
            assertEquals(CampaignOptions.ROLLBACK, o.command());
            assertEquals(c.id(), o.rollbackOf());
            CampaignVm restored = j.vms(rollback.id()).get(0);
            assertEquals("/rp/1", restored.restorePointId());
            assertEquals(row.optionsJson(), restored.optionsJson());
            assertEquals(row.vmId(), Campaigns.findUpgradedVm(j, "web01").orElseThrow().vmId(),
                    "a rollback campaign is not an upgrade: the VM is still found in its upgrade");
            assertEquals(c.id(), Campaigns.findUpgradedVm(j, "web01").orElseThrow().campaignId());
        }
    }

    @Test
    void aNameInTwoResourceGroupsMustBeGivenAsAnId() {
        try (SqliteJournal j = SqliteJournal.open(dir.resolve("j.db"))) {
            Vm other = vm("rg-other", "web01");
            Campaigns.createUpgrade(j, List.of(Target.found(vm("web01")), Target.found(other)), options(null), CLOCK, "t");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Campaigns.findUpgradedVm(j, "web01"));
            assertTrue(e.getMessage().contains("names 2 VMs") && e.getMessage().contains("rg-other"), e.getMessage());
        }
    }

    @Test
    void campaignOptionsReadBackWhatTheyWrite() {
        CampaignOptions o = options(false);
        assertEquals(o, CampaignOptions.fromJson(o.toJson()));
        assertEquals(Duration.ofMinutes(15), CampaignOptions.fromJson("{\"command\":\"upgrade\"}").guestTimeout(), "the default");
        assertEquals(Duration.ofSeconds(30), o.timing().guestTimeout());
        assertThrows(IllegalArgumentException.class, () -> CampaignOptions.fromJson("{\"command\":\"upgrade\",\"maxParallel\":0}"));
    }
}
