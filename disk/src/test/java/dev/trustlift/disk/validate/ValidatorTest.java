package dev.trustlift.disk.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.layout.LayoutPresets;
import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.layout.LayoutWriter;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ValidatorTest {
    private static final long GIB = 1L << 30;

    static DiskScan scan(LayoutSpec spec) throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(spec.sectors() * spec.sectorSize(), spec.sectorSize());
        LayoutWriter.write(d, spec, new Random(1));
        return DiskClassifier.classify(d);
    }

    static DiskScan preset(String name, int sectorSize, long bytes) throws IOException {
        return scan(LayoutPresets.named(name, sectorSize, bytes));
    }

    private static Map<String, RuleResult> byId(ValidationReport r) {
        return r.rules().stream().collect(Collectors.toMap(RuleResult::id, x -> x));
    }

    private static ValidationReport validate(DiskScan s, TargetOs os, long grow) {
        return Validator.validate(s, new ConversionOptions(os, null, grow));
    }

    @Test
    void azureWindowsLayoutNeedsToGrowByOneHundredMibForTheEsp() throws IOException {
        DiskScan s = preset("windows-azure-default", 512, 127 * GIB);
        ValidationReport r = validate(s, TargetOs.WINDOWS, 0);
        assertEquals(List.of("mbr-disk", "front-room", "end-room", "primary-count", "active-system", "no-extended",
                "recognized-types", "esp-room"), r.rules().stream().map(RuleResult::id).toList());
        assertEquals(List.of("esp-room"), r.failures().stream().map(RuleResult::id).toList());
        // 1 MiB free at the end, 33 sectors of it for the backup GPT: 100 MiB ESP needs 202785 more sectors
        assertTrue(byId(r).get("esp-room").remedy().contains("--grow 100"), byId(r).get("esp-room").remedy());
        assertTrue(validate(s, TargetOs.WINDOWS, 100).passed());
        assertTrue(!validate(s, TargetOs.WINDOWS, 99).passed());
    }

    @Test
    void fourKnDisksNeedA260MibEsp() throws IOException {
        DiskScan s = preset("windows-azure-default", 4096, 127 * GIB);
        RuleResult esp = byId(validate(s, TargetOs.WINDOWS, 0)).get("esp-room");
        assertEquals("260.0 MiB", esp.values().get("espSize"));
        assertTrue(esp.remedy().contains("--grow 260"), esp.remedy());
        assertTrue(validate(s, TargetOs.WINDOWS, 260).passed());
    }

    @Test
    void fourPrimariesAreRefusedNamingCandidatesToRemove() throws IOException {
        ValidationReport r = validate(preset("windows-4-partitions", 512, 127 * GIB), TargetOs.WINDOWS, 100);
        assertEquals(List.of("primary-count"), r.failures().stream().map(RuleResult::id).toList());
        assertEquals("remove partition 4 (type 0x07, 100.0 MiB) or partition 3 (type 0x27, 499.0 MiB) (e.g. an OEM "
                + "or recovery partition no longer needed), then validate again", byId(r).get("primary-count").remedy());
    }

    @Test
    void logicalsAreRefusedForWindowsAndAcceptedForLinux() throws IOException {
        DiskScan s = preset("windows-extended", 512, 127 * GIB);
        ValidationReport w = validate(s, TargetOs.WINDOWS, 100);
        assertEquals(List.of("no-extended"), w.failures().stream().map(RuleResult::id).toList());
        assertEquals("5", byId(w).get("no-extended").values().get("logicalPartitions"));
        assertTrue(validate(s, TargetOs.LINUX, 100).passed());
    }

    @Test
    void linuxRootToTheEndNeedsGrowthForBackupGptAndEsp() throws IOException {
        DiskScan s = preset("linux-mbr-custom", 512, 30 * GIB);
        ValidationReport r = validate(s, TargetOs.LINUX, 0);
        assertEquals(List.of("end-room", "esp-room"),
                r.failures().stream().map(RuleResult::id).toList());
        assertTrue(byId(r).get("end-room").remedy().contains("--grow 1"), byId(r).get("end-room").remedy());
        assertTrue(byId(r).get("esp-room").remedy().contains("--grow 101"), byId(r).get("esp-room").remedy());
        ValidationReport grown = validate(s, TargetOs.LINUX, 101);
        assertTrue(grown.passed(), grown.failureSummary());
        assertEquals("gap before the first partition, LBA 34..2047",
                byId(grown).get("bios-boot").values().get("placement"));
        ValidationReport windows = validate(s, TargetOs.WINDOWS, 101);
        assertEquals(List.of("active-system", "recognized-types"), windows.failures().stream().map(RuleResult::id).toList());
    }

    @Test
    void aFirstPartitionAtLba63PutsTheBiosBootPartitionInFreeSpace() throws IOException {
        long n = 4 * GIB / 512;
        DiskScan s = scan(LayoutSpec.mbr(512, n, List.of(new PartitionSpec("83", 63, n - 63 - 300 * 2048, true))));
        ValidationReport r = validate(s, TargetOs.LINUX, 0);
        assertTrue(r.passed(), r.failureSummary());
        assertTrue(byId(r).get("bios-boot").values().get("placement").startsWith("free space"));
    }

    @Test
    void aFirstPartitionInsideThePrimaryGptAreaFailsFrontRoom() throws IOException {
        long n = GIB / 512;
        DiskScan s = scan(LayoutSpec.mbr(512, n, List.of(new PartitionSpec("07", 1, 400000, true))));
        RuleResult front = byId(validate(s, TargetOs.WINDOWS, 0)).get("front-room");
        assertTrue(front.failed());
        assertEquals("1", front.values().get("firstPartitionLba"));
        assertTrue(front.remedy().startsWith("partition 1 starts at LBA 1, inside the primary GPT (LBA 1..33)"));
    }

    @Test
    void activeRuleNamesWhatIsWrong() throws IOException {
        long n = GIB / 512;
        DiskScan none = scan(LayoutSpec.mbr(512, n, List.of(new PartitionSpec("07", 2048, 400000, false))));
        assertTrue(byId(validate(none, TargetOs.WINDOWS, 0)).get("active-system").remedy().startsWith("mark"));
        DiskScan two = scan(LayoutSpec.mbr(512, n, List.of(new PartitionSpec("07", 2048, 400000, true),
                new PartitionSpec("07", 402048, 400000, true))));
        assertTrue(byId(validate(two, TargetOs.WINDOWS, 0)).get("active-system").failed());
    }

    @Test
    void aGptDiskFailsOnlyTheMbrRuleAndTheRestIsNotChecked() throws IOException {
        ValidationReport r = validate(preset("linux-azure-gpt", 512, 30 * GIB), TargetOs.LINUX, 0);
        assertEquals(List.of("mbr-disk"), r.failures().stream().map(RuleResult::id).toList());
        assertTrue(r.rules().subList(1, r.rules().size()).stream()
                .allMatch(x -> x.status() == RuleResult.Status.NOT_CHECKED));
        assertTrue(!r.passed());
    }
}
