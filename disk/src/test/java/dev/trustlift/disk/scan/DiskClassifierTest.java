package dev.trustlift.disk.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.layout.LayoutPresets;
import dev.trustlift.disk.layout.LayoutWriter;
import dev.trustlift.disk.partition.mbr.Chs;
import dev.trustlift.disk.partition.mbr.MasterBootRecord;
import dev.trustlift.disk.partition.mbr.MbrPartitionEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiskClassifierTest {
    private static final long SIZE = 2L << 30;
    private final Random random = new Random(5);

    private MemoryBlockDevice preset(String name) throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(SIZE, 512);
        LayoutWriter.write(d, LayoutPresets.named(name, 512, SIZE), random);
        return d;
    }

    @Test
    void blankDiskIsEmpty() throws IOException {
        assertEquals(DiskClass.EMPTY, DiskClassifier.classify(new MemoryBlockDevice(SIZE, 512)).diskClass());
    }

    @Test
    void mbrLayoutsAreMbrWithTheirPartitions() throws IOException {
        DiskScan scan = DiskClassifier.classify(preset("windows-extended"));
        assertEquals(DiskClass.MBR, scan.diskClass(), scan.summary());
        assertEquals(List.of(1, 2, 5), scan.mbrDisk().partitions().stream().map(p -> p.number()).toList());
    }

    @Test
    void gptBehindAProtectiveMbrIsGpt() throws IOException {
        DiskScan scan = DiskClassifier.classify(preset("linux-azure-gpt"));
        assertEquals(DiskClass.GPT, scan.diskClass(), scan.summary());
        assertEquals(3, scan.gptTable().partitions().size());
    }

    @Test
    void anMbrListingPartitionsBesidesTheEeEntryIsHybrid() throws IOException {
        MemoryBlockDevice d = preset("linux-azure-gpt");
        MasterBootRecord hybrid = MasterBootRecord.of(new byte[440], 0, List.of(
                new MbrPartitionEntry(0, Chs.ofLba(1), 0xEE, Chs.ofLba(2047), 1, 2047),
                MbrPartitionEntry.of(true, 0x83, 227328, 100000, 227328),
                MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY));
        d.write(0, hybrid.toBytes());
        assertEquals(DiskClass.HYBRID, DiskClassifier.classify(d).diskClass());
    }

    @Test
    void randomBytesAreInvalidWithAReason() throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(SIZE, 512);
        byte[] noise = new byte[1 << 16];
        random.nextBytes(noise);
        noise[510] = 0;
        d.write(0, ByteBuffer.wrap(noise));
        DiskScan scan = DiskClassifier.classify(d);
        assertEquals(DiskClass.INVALID, scan.diskClass());
        assertTrue(scan.reasons().get(0).contains("no 0x55AA boot signature"), scan.summary());
    }

    @Test
    void overlappingPartitionsAreInvalid() throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(SIZE, 512);
        MasterBootRecord mbr = MasterBootRecord.of(new byte[440], 1, List.of(
                MbrPartitionEntry.of(true, 0x07, 2048, 100000, 2048),
                MbrPartitionEntry.of(false, 0x07, 50000, 100000, 50000),
                MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY));
        d.write(0, mbr.toBytes());
        DiskScan scan = DiskClassifier.classify(d);
        assertEquals(DiskClass.INVALID, scan.diskClass());
        assertEquals("partitions 1 (LBA 2048..102047) and 2 (LBA 50000..149999) overlap", scan.reasons().get(0));
    }

    @Test
    void aPartitionBeyondTheEndIsInvalid() throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(SIZE, 512);
        MasterBootRecord mbr = MasterBootRecord.of(new byte[440], 1, List.of(
                MbrPartitionEntry.of(true, 0x83, 2048, SIZE / 512, 2048),
                MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY));
        d.write(0, mbr.toBytes());
        DiskScan scan = DiskClassifier.classify(d);
        assertEquals(DiskClass.INVALID, scan.diskClass());
        assertTrue(scan.reasons().get(0).contains("truncated"), scan.summary());
    }

    @Test
    void aProtectiveMbrWithACorruptGptIsInvalid() throws IOException {
        MemoryBlockDevice d = preset("linux-azure-gpt");
        d.write(512 + 24, ByteBuffer.wrap(new byte[] {5}));
        DiskScan scan = DiskClassifier.classify(d);
        assertEquals(DiskClass.INVALID, scan.diskClass());
        assertTrue(scan.summary().contains("primary GPT header CRC mismatch"), scan.summary());
    }

    @Test
    void anEbrLoopIsInvalid() throws IOException {
        MemoryBlockDevice d = preset("windows-extended");
        DiskScan before = DiskClassifier.classify(d);
        long ebr = before.mbrDisk().partitions().get(1).extent().first();
        // the first EBR links to a second one, which links to itself
        ByteBuffer first = d.readSectors(ebr, 1);
        MasterBootRecord layout = MasterBootRecord.parse(first.duplicate());
        MbrPartitionEntry logical = layout.entries().get(0);
        long second = ebr + 1;
        MbrPartitionEntry toSecond = MbrPartitionEntry.of(false, 0x05, 1, 1, second);
        d.write(ebr * 512, new dev.trustlift.disk.partition.mbr.ExtendedBootRecord(logical, toSecond).toBytes());
        MbrPartitionEntry back = MbrPartitionEntry.of(false, 0x05, 1, 1, second);
        d.write(second * 512, new dev.trustlift.disk.partition.mbr.ExtendedBootRecord(MbrPartitionEntry.EMPTY, back)
                .toBytes());
        DiskScan scan = DiskClassifier.classify(d);
        assertEquals(DiskClass.INVALID, scan.diskClass());
        assertTrue(scan.summary().contains("loops back"), scan.summary());
    }
}
