package dev.trustlift.disk.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.partition.mbr.MbrPartition;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.validate.ConversionOptions;
import dev.trustlift.disk.validate.TargetOs;
import dev.trustlift.disk.validate.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutScanTest {

    @Test
    void aProbedPartitionListScansLikeTheDiskItDescribes() {
        long n = 266338304L;
        LayoutSpec probed = LayoutSpec.mbr(512, n, List.of(new PartitionSpec("07", 2048, 1024000, true),
                new PartitionSpec("0f", 1026048, n - 1026048 - 2048, false),
                new PartitionSpec("07", 1028096, n - 1028096 - 2048, false)));
        DiskScan scan = LayoutScan.of(probed);
        assertEquals(DiskClass.MBR, scan.diskClass());
        assertEquals(List.of(MbrPartition.Kind.PRIMARY, MbrPartition.Kind.EXTENDED, MbrPartition.Kind.LOGICAL),
                scan.mbrDisk().partitions().stream().map(MbrPartition::kind).toList());
        assertEquals(5, scan.mbrDisk().partitions().get(2).number());
        assertEquals(List.of("no-extended", "esp-room"), Validator.validate(scan, ConversionOptions.of(TargetOs.WINDOWS))
                .failures().stream().map(r -> r.id()).toList());
    }

    @Test
    void layoutsThatDoNotFitAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LayoutSpec.mbr(512, 1000,
                List.of(new PartitionSpec("83", 2048, 10, false))));
        assertThrows(IllegalArgumentException.class, () -> LayoutPresets.named("windows-azure-default", 512, 1L << 28));
    }
}
