package dev.trustlift.core.assess.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.PartitionSummary;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TL091 (room for the new partitions), TL092 (Linux plain MBR), TL093 (Linux already GPT). */
class RoomRulesTest {
    private final Tl091NoRoomForEsp tl091 = new Tl091NoRoomForEsp();

    @Test
    void windowsDefaultWithPlentyFreeIsFine() {
        assertTrue(tl091.evaluate(windows(Fixtures.windowsDefaultLayout(), 20000, 0)).isEmpty());
    }

    @Test
    void windowsUnmovableTailMeansDefragment() {
        Finding f = tl091.evaluate(windows(Fixtures.windowsDefaultLayout(), 5000, 4950)).orElseThrow();
        assertEquals(Severity.AUTO_FIX, f.severity());
        assertTrue(f.message().contains("C: has 50 MiB of movable free space; MBR2GPT needs 100 MiB"), f.message());
        assertTrue(f.remediation().contains("Defrag C: /U /V"), f.remediation());
        assertEquals(4950L, f.evidence().get("unmovableTailMb"));
    }

    @Test
    void windowsLowFreeSpaceMeansGrowTheDiskByTheMissingMiB() {
        Finding f = tl091.evaluate(windows(Fixtures.windowsDefaultLayout(), 40, 0)).orElseThrow();
        assertTrue(f.remediation().contains("grow the OS disk by 60 MiB (from 127 GiB to 128 GiB; az disk update -g "), f.remediation());
    }

    @Test
    void windowsNoRoomForBackupGptMeansGrow() {
        long total = 127L * 1024 * 2048;
        DiskLayout full = new DiskLayout(DiskLayout.Style.MBR, 512, total, List.of(
                new PartitionSummary(1, "07", 2048, 1024000, true, false, false, null),
                new PartitionSummary(2, "07", 1026048, total - 1026048 - 10, false, false, true, "C:")));
        Finding f = tl091.evaluate(windows(full, 20000, 0)).orElseThrow();
        assertTrue(f.message().contains("the backup GPT needs 33"), f.message());
        assertEquals(10L, f.evidence().get("freeSectorsAtEnd"));
    }

    @Test
    void windows4knNeeds260MiB() {
        long total = 127L * 1024 * 256;
        DiskLayout layout = new DiskLayout(DiskLayout.Style.MBR, 4096, total, List.of(
                new PartitionSummary(1, "07", 256, 128000, true, false, false, null),
                new PartitionSummary(2, "07", 128256, total - 128256 - 256, false, false, true, "C:")));
        Finding f = tl091.evaluate(windows(layout, 200, 0)).orElseThrow();
        assertEquals(260L, f.evidence().get("espMb"));
    }

    @Test
    void windowsWithoutFreeSpaceFactStaysQuietForTl008() {
        VmFacts facts = Fixtures.windows().guest(new GuestFacts(BitLockerState.OFF, Fixtures.windowsDefaultLayout(), null, null,
                null, null)).build();
        assertTrue(tl091.evaluate(facts).isEmpty());
        assertTrue(tl091.evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void linuxMbrToTheEndNeedsGrowing() {
        Finding f = tl091.evaluate(linux(Fixtures.linuxPlainMbr(0), false)).orElseThrow();
        assertEquals(Severity.AUTO_FIX, f.severity());
        assertEquals(201L, f.evidence().get("neededMb"));
        assertTrue(f.remediation().contains("grow the OS disk by 201 MiB (from 127 GiB to 128 GiB; az disk update -g "), f.remediation());
    }

    @Test
    void linuxMbrWithFreeTailIsFine() {
        assertTrue(tl091.evaluate(linux(Fixtures.linuxPlainMbr(300L * 2048), false)).isEmpty());
    }

    @Test
    void linuxFirstPartitionAtSector63NeedsRoomForBiosBootToo() {
        long total = 30L * 1024 * 2048;
        DiskLayout layout = new DiskLayout(DiskLayout.Style.MBR, 512, total, List.of(
                new PartitionSummary(1, "83", 63, total - 63 - 201L * 2048, true, false, true, "/")));
        Finding f = tl091.evaluate(linux(layout, false)).orElseThrow();
        assertEquals(false, f.evidence().get("biosBootFitsInFront"));
        assertEquals(202L, f.evidence().get("neededMb"));
    }

    @Test
    void linuxGptIsNotJudged() {
        assertTrue(tl091.evaluate(linux(Fixtures.linuxAzureGpt(), true)).isEmpty());
    }

    @Test
    void tl092AutoFixesLinuxPlainMbr() {
        VmFacts facts = Fixtures.linux().guest(new GuestFacts(BitLockerState.UNKNOWN, Fixtures.linuxPlainMbr(0), 5000L, null,
                false, true)).build();
        Finding f = new Tl092LinuxPlainMbr().evaluate(facts).orElseThrow();
        assertEquals(Severity.AUTO_FIX, f.severity());
        assertTrue(f.remediation().contains("rewriting the PARTUUID references"));
        assertTrue(f.remediation().contains("not a Microsoft-supported path"));
    }

    @Test
    void tl092SilentForGptAndWindowsAndWhenNotProbed() {
        assertTrue(new Tl092LinuxPlainMbr().evaluate(linux(Fixtures.linuxAzureGpt(), true)).isEmpty());
        assertTrue(new Tl092LinuxPlainMbr().evaluate(windows(Fixtures.windowsDefaultLayout(), 20000, 0)).isEmpty());
        assertTrue(new Tl092LinuxPlainMbr().evaluate(Fixtures.linux().build()).isEmpty());
    }

    @Test
    void tl093ReportsReadyGptDisk() {
        Finding f = new Tl093LinuxGptReady().evaluate(linux(Fixtures.linuxAzureGpt(), true)).orElseThrow();
        assertEquals(Severity.INFO, f.severity());
        assertEquals("partition 15", f.evidence().get("esp"));
    }

    @Test
    void tl093SilentForMbrOrEspNotInFstabAndWhenNotProbed() {
        assertTrue(new Tl093LinuxGptReady().evaluate(linux(Fixtures.linuxPlainMbr(0), false)).isEmpty());
        assertTrue(new Tl093LinuxGptReady().evaluate(linux(Fixtures.linuxAzureGpt(), false)).isEmpty());
        assertTrue(new Tl093LinuxGptReady().evaluate(Fixtures.linux().build()).isEmpty());
    }

    static VmFacts windows(DiskLayout layout, long freeMb, long unmovable) {
        return Fixtures.windows().guest(Fixtures.windowsGuest(layout, freeMb, unmovable)).build();
    }

    static VmFacts linux(DiskLayout layout, boolean espInFstab) {
        return Fixtures.linux().guest(new GuestFacts(BitLockerState.UNKNOWN, layout, 5000L, null, espInFstab, false)).build();
    }
}
