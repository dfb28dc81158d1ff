package dev.trustlift.disk.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.layout.LayoutScan;
import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.gpt.GptEntry;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.validate.ConversionOptions;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.disk.validate.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random MBR layouts: every plan keeps the originals in place and adds only aligned, free, in-range partitions. */
class ConversionPlannerPropertyTest {
    private static final String[] TYPES = {"07", "07", "83", "82", "0c", "27", "8e", "fd", "a5"};

    private static LayoutSpec randomLayout(Random r, int sectorSize) {
        long sectors = (256L + r.nextInt(4096)) * (1 << 20) / sectorSize;
        List<PartitionSpec> parts = new ArrayList<>();
        long next = r.nextInt(4) == 0 ? 63 : r.nextInt(3) == 0 ? 40 + r.nextInt(5000) : 2048;
        int count = 1 + r.nextInt(4);
        for (int i = 0; i < count && next < sectors - 4096; i++) {
            long size = Math.min(1 + (long) (r.nextDouble() * sectors / count), sectors - next);
            if (i == count - 1 && r.nextBoolean()) {
                size = sectors - next - r.nextInt(3) * 2048L; // to the end, or nearly
            }
            if (size < 1) {
                break;
            }
            parts.add(new PartitionSpec(TYPES[r.nextInt(TYPES.length)], next, size, i == 0 && r.nextInt(5) != 0));
            next += size + (r.nextBoolean() ? 0 : r.nextInt(300000));
        }
        return LayoutSpec.mbr(sectorSize, sectors, parts);
    }

    @Test
    void plansPreserveOriginalsAndPlaceNewPartitionsSafely() throws Exception {
        Random r = new Random(77);
        int planned = 0;
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            int sectorSize = r.nextInt(4) == 0 ? 4096 : 512;
            DiskScan scan = LayoutScan.of(randomLayout(r, sectorSize));
            assertEquals(DiskClass.MBR, scan.diskClass(), scan.summary());
            TargetOs os = r.nextBoolean() ? TargetOs.WINDOWS : TargetOs.LINUX;
            ConversionOptions options = new ConversionOptions(os, null, r.nextInt(3) == 0 ? r.nextInt(400) : 0);
            boolean valid = Validator.validate(scan, options).passed();
            ConversionPlan plan;
            try {
                plan = ConversionPlanner.plan(scan, options, new Random(i));
            } catch (ConversionRefusedException e) {
                assertFalse(valid);
                assertFalse(e.report().failures().isEmpty());
                refused++;
                continue;
            }
            assertTrue(valid);
            planned++;
            checkPlan(scan, plan);
        }
        assertTrue(planned > 50 && refused > 50, "both outcomes exercised: " + planned + " planned, " + refused
                + " refused");
    }

    private static void checkPlan(DiskScan scan, ConversionPlan plan) {
        long mib = (1 << 20) / scan.sectorSize();
        for (MbrPartition p : scan.mbrDisk().dataPartitions()) {
            GptEntry e = plan.table().entries().get(p.number() - 1);
            assertEquals(p.extent(), e.extent(), "partition " + p.number() + " stays in place");
        }
        List<Extent> all = new ArrayList<>(scan.mbrDisk().partitions().stream().map(MbrPartition::extent).toList());
        Extent usable = new Extent(plan.table().primary().firstUsableLba(), plan.table().primary().lastUsableLba());
        for (PlannedPartition p : plan.partitions()) {
            assertTrue(usable.contains(p.entry().extent()), "inside the usable range: " + p);
            if (p.created()) {
                Extent x = p.entry().extent();
                assertTrue(all.stream().noneMatch(x::overlaps), "new partition on free space: " + p);
                assertTrue(x.first() % mib == 0 || x.equals(plan.biosBoot()), "aligned: " + p);
                all.add(x);
            }
        }
        assertEquals(plan.os() == TargetOs.LINUX, plan.biosBoot() != null);
        assertEquals(plan.newSectors() - 1, plan.table().primary().alternateLba());
    }
}
