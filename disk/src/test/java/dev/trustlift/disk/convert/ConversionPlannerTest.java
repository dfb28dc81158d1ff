package dev.trustlift.disk.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.layout.LayoutPresets;
import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.layout.LayoutWriter;
import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.gpt.GptEntry;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.validate.ConversionOptions;
import dev.trustlift.disk.validate.TargetOs;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConversionPlannerTest {
    private static final long GIB = 1L << 30;

    static DiskScan scan(LayoutSpec spec) throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(spec.sectors() * spec.sectorSize(), spec.sectorSize());
        LayoutWriter.write(d, spec, new Random(1));
        return DiskClassifier.classify(d);
    }

    private static GptEntry entry(ConversionPlan plan, int number) {
        return plan.partitions().stream().filter(p -> p.number() == number).findFirst().orElseThrow().entry();
    }

    @Test
    void windowsLayoutKeepsEveryPartitionInPlaceAndAddsTheEspAfterGrowing() throws Exception {
        DiskScan s = scan(LayoutPresets.named("windows-azure-default", 512, 127 * GIB));
        ConversionPlan plan = ConversionPlanner.plan(s, new ConversionOptions(TargetOs.WINDOWS, null, 100),
                new Random(9));
        assertEquals(266338304L, plan.oldSectors());
        assertEquals(266338304L + 100 * 2048, plan.newSectors());
        assertEquals(new Extent(2048, 1026047), entry(plan, 1).extent());
        assertEquals(new Extent(1026048, 266336255), entry(plan, 2).extent());
        assertEquals(GptType.BASIC_DATA.guid(), entry(plan, 1).type());
        // the ESP starts at the first 1 MiB boundary after C: and is 100 MiB
        assertEquals(new Extent(266336256, 266336256 + 204800 - 1), plan.esp());
        assertEquals(GptType.EFI_SYSTEM.guid(), entry(plan, 3).type());
        assertEquals(plan.esp(), entry(plan, 3).extent());
        assertNull(plan.biosBoot());
        assertEquals(0, plan.protectiveMbr().diskSignature());
        assertEquals(plan.newSectors() - 1, plan.protectiveMbr().entries().get(0).sectors());
        assertEquals(plan.newSectors() - 34, plan.table().primary().lastUsableLba());
        assertEquals("SYSTEM", plan.espLabel());
    }

    @Test
    void samePlanForTheSameSeedAndUniqueGuids() throws Exception {
        DiskScan s = scan(LayoutPresets.named("windows-azure-default", 512, 127 * GIB));
        ConversionOptions o = new ConversionOptions(TargetOs.WINDOWS, null, 100);
        ConversionPlan a = ConversionPlanner.plan(s, o, new Random(9));
        assertEquals(a, ConversionPlanner.plan(s, o, new Random(9)));
        assertNotEquals(a.table(), ConversionPlanner.plan(s, o, new Random(10)).table());
        var guids = new HashSet<>();
        a.partitions().forEach(p -> guids.add(p.entry().unique()));
        guids.add(a.table().primary().diskGuid());
        assertEquals(a.partitions().size() + 1, guids.size());
    }

    @Test
    void winReGetsItsTypeAndAttributes() throws Exception {
        long n = 8 * GIB / 512;
        DiskScan s = scan(LayoutSpec.mbr(512, n, List.of(new PartitionSpec("07", 2048, 1024000, true),
                new PartitionSpec("07", 1026048, 8000000, false), new PartitionSpec("27", 9026048, 1021952, false))));
        ConversionPlan plan = ConversionPlanner.plan(s, ConversionOptions.of(TargetOs.WINDOWS), new Random(2));
        GptEntry winre = entry(plan, 3);
        assertEquals(GptType.WINDOWS_RE.guid(), winre.type());
        assertEquals(0x8000000000000001L, winre.attributes());
        assertEquals(0, entry(plan, 1).attributes());
        assertEquals(4, plan.partitions().stream().filter(PlannedPartition::created).findFirst().orElseThrow().number());
    }

    @Test
    void linuxGetsBiosBootInTheGapLogicalsKeepTheirNumbersAndTypesMapLikeGdisk() throws Exception {
        long n = 8 * GIB / 512;
        DiskScan s = scan(LayoutSpec.mbr(512, n, List.of(new PartitionSpec("83", 2048, 2000000, true),
                new PartitionSpec("05", 2002048, 4000000, false),
                new PartitionSpec("82", 2004096, 1000000, false),
                new PartitionSpec("8E", 3006144, 2995904, false))));
        ConversionPlan plan = ConversionPlanner.plan(s, ConversionOptions.of(TargetOs.LINUX), new Random(3));
        assertEquals(List.of(1, 2, 3, 5, 6), plan.partitions().stream().map(PlannedPartition::number).toList());
        assertEquals(GptType.LINUX_FILESYSTEM.guid(), entry(plan, 1).type());
        assertEquals(GptType.LINUX_SWAP.guid(), entry(plan, 5).type());
        assertEquals(GptType.LINUX_LVM.guid(), entry(plan, 6).type());
        assertEquals(new Extent(2004096, 3004095), entry(plan, 5).extent());
        assertEquals(GptType.EFI_SYSTEM.guid(), entry(plan, 2).type());
        assertEquals(new Extent(34, 2047), plan.biosBoot());
        assertEquals(GptType.BIOS_BOOT.guid(), entry(plan, 3).type());
        // the ESP goes after the extended container, never into it: its EBRs must survive until LBA 0 changes
        assertEquals(2931L * 2048, plan.esp().first()); // first 1 MiB boundary after LBA 6002047
        assertEquals("UEFI", plan.espLabel());
        assertTrue(plan.notes().stream().anyMatch(x -> x.contains("grub-install --target=i386-pc onto BIOS boot "
                + "partition 3")));
        assertTrue(plan.notes().stream().anyMatch(x -> x.contains("PARTUUID")));
    }

    @Test
    void fourKnUses260MibAnd256SectorAlignment() throws Exception {
        long n = 8 * GIB / 4096;
        DiskScan s = scan(LayoutSpec.mbr(4096, n, List.of(new PartitionSpec("83", 63, 1000000, true))));
        ConversionPlan plan = ConversionPlanner.plan(s, ConversionOptions.of(TargetOs.LINUX), new Random(3));
        assertEquals(260L * 256, plan.esp().sectors());
        assertEquals(0, plan.esp().first() % 256);
        assertEquals(256, plan.biosBoot().sectors());
        assertEquals(6, plan.table().primary().firstUsableLba());
    }

    @Test
    void espSizeIsConfigurable() throws Exception {
        DiskScan s = scan(LayoutPresets.named("windows-azure-default", 512, 127 * GIB));
        ConversionPlan plan = ConversionPlanner.plan(s, new ConversionOptions(TargetOs.WINDOWS, 300L, 301),
                new Random(9));
        assertEquals(300 * 2048, plan.esp().sectors());
    }

    @Test
    void refusesWhenARuleFails() throws IOException {
        DiskScan s = scan(LayoutPresets.named("windows-4-partitions", 512, 127 * GIB));
        ConversionRefusedException e = assertThrows(ConversionRefusedException.class,
                () -> ConversionPlanner.plan(s, new ConversionOptions(TargetOs.WINDOWS, null, 100), new Random(1)));
        assertTrue(e.getMessage().startsWith("the disk does not meet the windows conversion rules: primary-count: "
                + "remove partition 4"), e.getMessage());
    }
}
