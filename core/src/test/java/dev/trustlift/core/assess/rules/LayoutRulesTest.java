package dev.trustlift.core.assess.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskEncryption;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Fixtures;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.cloud.HyperVGeneration;
import dev.trustlift.core.assess.OsDiskFacts;
import dev.trustlift.core.assess.PartitionSummary;
import dev.trustlift.core.assess.Severity;
import dev.trustlift.core.assess.VmFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TL090 on Windows (MBR2GPT's layout checks) and Linux. */
class LayoutRulesTest {
    private static final long DISK = 127L * 1024 * 2048;
    private final Tl090LayoutNotConvertible tl090 = new Tl090LayoutNotConvertible();

    @Test
    void azureDefaultWindowsLayoutPasses() {
        assertTrue(tl090.evaluate(windows(Fixtures.windowsDefaultLayout())).isEmpty());
    }

    @Test
    void fourPrimariesNameTheRecoveryPartitionToRemove() {
        DiskLayout layout = mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, 200_000_000, false, false, true),
                part(3, "27", 201_026_048, 1_000_000, false, false, false),
                part(4, "07", 202_026_048, 2_000_000, false, false, false));
        Finding f = tl090.evaluate(windows(layout)).orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertTrue(f.message().contains("4 primary partitions"), f.message());
        assertTrue(f.remediation().contains("remove the unused recovery partition 3"), f.remediation());
        assertTrue(f.remediation().contains("Remove-Partition -DiskNumber 0 -PartitionNumber 3"));
    }

    @Test
    void fourPrimariesWithoutRecoveryNameTheSmallestRemovable() {
        DiskLayout layout = mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, 200_000_000, false, false, true),
                part(3, "07", 201_026_048, 3_000_000, false, false, false),
                part(4, "0C", 204_026_048, 1_000_000, false, false, false));
        assertTrue(tl090.evaluate(windows(layout)).orElseThrow().remediation().startsWith("remove partition 4 (type 0x0C)"));
    }

    @Test
    void extendedPartitionBlocks() {
        DiskLayout layout = mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "05", 1026048, 200_000_000, false, false, false),
                part(5, "07", 1028096, 199_000_000, false, true, true));
        Finding f = tl090.evaluate(windows(layout)).orElseThrow();
        assertTrue(f.message().contains("partition 2 is an extended partition"), f.message());
        assertTrue(f.remediation().contains("delete the extended partition"));
    }

    @Test
    void firstPartitionInsideGptAreaBlocks() {
        DiskLayout layout = mbr(part(1, "07", 1, DISK - 100, true, false, true));
        Finding f = tl090.evaluate(windows(layout)).orElseThrow();
        assertTrue(f.message().contains("starts at LBA 1, inside the sectors the GPT needs (LBA 0-33)"), f.message());
    }

    @Test
    void unrecognizedTypeBlocks() {
        DiskLayout layout = mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, 200_000_000, false, false, true),
                part(3, "83", 201_026_048, 1_000_000, false, false, false));
        Finding f = tl090.evaluate(windows(layout)).orElseThrow();
        assertTrue(f.message().contains("partition 3 has type 0x83"), f.message());
        assertTrue(f.remediation().contains("remove partition 3"));
    }

    @Test
    void fourPrimariesWithAnUnrecognizedOneNameThatOneOnce() {
        // the sandbox's windows-4-partitions preset: recovery (0x27) and OEM (0x12)
        DiskLayout layout = mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, 200_000_000, false, false, true),
                part(3, "27", 201_026_048, 1_000_000, false, false, false),
                part(4, "12", 202_026_048, 2_000_000, false, false, false));
        Finding f = tl090.evaluate(windows(layout)).orElseThrow();
        assertEquals("remove partition 4 (type 0x12) or move its data off the OS disk (MBR2GPT would need /map)",
                f.remediation());
    }

    @Test
    void noActivePartitionBlocks() {
        DiskLayout layout = mbr(
                part(1, "07", 2048, 1024000, false, false, false),
                part(2, "07", 1026048, 200_000_000, false, false, true));
        assertTrue(tl090.evaluate(windows(layout)).orElseThrow().remediation().contains("active"));
    }

    @Test
    void twoActivePartitionsOrANonWindowsActiveOneBlock() {
        assertTrue(tl090.evaluate(windows(mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, 200_000_000, true, false, true)))).orElseThrow().message()
                .contains("2 partitions are marked active"));
        assertTrue(tl090.evaluate(windows(mbr(
                part(1, "27", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, 200_000_000, false, false, true)))).orElseThrow().message()
                .contains("the active partition 1 (type 0x27) is not a Windows system partition"));
    }

    @Test
    void windowsLayoutsAreJudgedByTheDiskEngine() {
        Finding four = tl090.evaluate(windows(mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, 200_000_000, false, false, true),
                part(3, "27", 201_026_048, 1_000_000, false, false, false),
                part(4, "07", 202_026_048, 2_000_000, false, false, false)))).orElseThrow();
        assertEquals("disk engine (MBR2GPT rules)", four.evidence().get("checkedBy"), four.toString());
        Finding extended = tl090.evaluate(windows(mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "05", 1026048, 200_000_000, false, false, false),
                part(5, "07", 1028096, 199_000_000, false, true, true)))).orElseThrow();
        assertEquals("disk engine (MBR2GPT rules)", extended.evidence().get("checkedBy"), extended.toString());
        assertTrue(extended.message().contains("extended"), extended.message());
    }

    @Test
    void overlappingPartitionsAreNamedByTheEngine() {
        Finding f = tl090.evaluate(windows(mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 2048, 200_000_000, false, false, true)))).orElseThrow();
        assertEquals("disk engine (MBR2GPT rules)", f.evidence().get("checkedBy"));
        assertTrue(f.message().contains("failed rule mbr-disk (") && f.message().contains("classification=INVALID"), f.message());
        assertTrue(f.remediation().contains("partitions 1 (LBA 2048..1026047) and 2 (LBA 2048..200002047) overlap"),
                f.remediation());
    }

    @Test
    void aListTheEngineCannotLayOutFallsBackToTheListCheck() {
        // a partition reaching past the end of the disk cannot be written onto it
        Finding f = tl090.evaluate(windows(mbr(
                part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, DISK, false, false, true),
                part(3, "27", DISK + 10, 1000, false, false, false),
                part(4, "07", DISK + 2000, 1000, false, false, false)))).orElseThrow();
        assertTrue(String.valueOf(f.evidence().get("checkedBy")).startsWith("probe summary"), f.toString());
        assertTrue(f.message().contains("4 primary partitions"), f.message());
    }

    @Test
    void notProbedStaysQuietForTl008() {
        assertTrue(tl090.evaluate(Fixtures.windows().build()).isEmpty());
    }

    @Test
    void unknownGenerationIsJudgedAsPossiblyGen1() {
        VmFacts facts = Fixtures.windows().osDisk(new OsDiskFacts("d", false, false, HyperVGeneration.UNKNOWN,
                DiskEncryption.NONE, null, 127)).guest(Fixtures.windowsGuest(fourPrimaries(), 20000, 0)).build();
        assertEquals(Severity.BLOCKER, tl090.evaluate(facts).orElseThrow().severity());
    }

    @Test
    void gen2DiskIsNotJudged() {
        VmFacts facts = Fixtures.windows().osDisk(new OsDiskFacts("d", true, false, HyperVGeneration.V2, DiskEncryption.NONE, null, 127))
                .build();
        assertTrue(tl090.evaluate(facts).isEmpty());
    }

    @Test
    void linuxPlainMbrFromSector2048Passes() {
        assertTrue(tl090.evaluate(linux(Fixtures.linuxPlainMbr(0), false)).isEmpty());
    }

    @Test
    void linuxMbrOverlappingGptBlocks() {
        DiskLayout layout = mbr(part(1, "83", 32, DISK - 32, true, false, true));
        assertTrue(tl090.evaluate(linux(layout, false)).orElseThrow().remediation().contains("new disk laid out as GPT"));
    }

    @Test
    void linuxAzureGptWithEspInFstabPasses() {
        assertTrue(tl090.evaluate(linux(Fixtures.linuxAzureGpt(), true)).isEmpty());
    }

    @Test
    void linuxGptWithEspMissingFromFstabBlocks() {
        Finding f = tl090.evaluate(linux(Fixtures.linuxAzureGpt(), false)).orElseThrow();
        assertTrue(f.remediation().contains("add /boot/efi (partition 15, vfat) to /etc/fstab"), f.remediation());
    }

    @Test
    void linuxGptWithoutEspBlocks() {
        DiskLayout layout = new DiskLayout(DiskLayout.Style.GPT, 512, DISK, List.of(
                part(1, "0FC63DAF-8483-4772-8E79-3D69D8477DE4", 2048, DISK - 4096, false, false, true)));
        assertTrue(tl090.evaluate(linux(layout, false)).orElseThrow().message().contains("without an EFI system partition"));
    }

    static DiskLayout fourPrimaries() {
        return mbr(part(1, "07", 2048, 1024000, true, false, false),
                part(2, "07", 1026048, 200_000_000, false, false, true),
                part(3, "27", 201_026_048, 1_000_000, false, false, false),
                part(4, "07", 202_026_048, 2_000_000, false, false, false));
    }

    static DiskLayout mbr(PartitionSummary... parts) {
        return new DiskLayout(DiskLayout.Style.MBR, 512, DISK, List.of(parts));
    }

    static PartitionSummary part(int n, String type, long start, long sectors, boolean active, boolean logical, boolean os) {
        return new PartitionSummary(n, type, start, sectors, active, logical, os, null);
    }

    static VmFacts windows(DiskLayout layout) {
        return Fixtures.windows().guest(Fixtures.windowsGuest(layout, 20000, 0)).build();
    }

    static VmFacts linux(DiskLayout layout, boolean espInFstab) {
        return Fixtures.linux().guest(new GuestFacts(BitLockerState.UNKNOWN, layout, 5000L, null, espInFstab, false)).build();
    }
}
