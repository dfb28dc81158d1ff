package dev.trustlift.disk.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.container.RawImage;
import dev.trustlift.disk.io.BlockDevice;
import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.layout.LayoutPresets;
import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.layout.LayoutWriter;
import dev.trustlift.disk.partition.Extent;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.validate.ConversionOptions;
import dev.trustlift.disk.validate.TargetOs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversionWriterTest {
    private static final long GIB = 1L << 30;
    private static final long N = 2 * GIB / 512;
    /** System Reserved + C: ending 200 MiB before the end: room for the ESP without growing. */
    private static final LayoutSpec WINDOWS = LayoutSpec.mbr(512, N, List.of(
            new PartitionSpec("07", 2048, 1024000, true),
            new PartitionSpec("07", 1026048, N - 1026048 - 200 * 2048, false)));

    private static MemoryBlockDevice disk(LayoutSpec spec) throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(spec.sectors() * spec.sectorSize(), spec.sectorSize());
        LayoutWriter.write(d, spec, new Random(1));
        for (PartitionSpec p : spec.partitions()) {
            mark(d, p.start());
            mark(d, p.last());
        }
        return d;
    }

    private static void mark(BlockDevice d, long lba) throws IOException {
        d.write(lba * d.sectorSize() + 100, ByteBuffer.wrap(("data@" + lba).getBytes(StandardCharsets.US_ASCII)));
    }

    private static String marker(BlockDevice d, long lba) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(20);
        d.read(lba * d.sectorSize() + 100, b);
        return new String(b.array(), StandardCharsets.US_ASCII).trim().replace("\0", "");
    }

    private static ConversionPlan plan(BlockDevice d, ConversionOptions o) throws Exception {
        return ConversionPlanner.plan(DiskClassifier.classify(d), o, new Random(4));
    }

    @Test
    void writesBackupThenPrimaryThenMbrAndNothingInsideThePartitions() throws Exception {
        MemoryBlockDevice d = disk(WINDOWS);
        ConversionPlan plan = plan(d, ConversionOptions.of(TargetOs.WINDOWS));
        RecordingDevice rec = new RecordingDevice(d, -1);
        List<String> progress = new ArrayList<>();
        DiskScan after = ConversionWriter.apply(rec, plan, progress::add);
        assertEquals(DiskClass.GPT, after.diskClass(), after.summary());

        GptGeometry g = new GptGeometry(512, N);
        List<RecordingDevice.Write> writes = rec.writes();
        int n = writes.size();
        Extent esp = plan.esp();
        for (RecordingDevice.Write w : writes.subList(0, n - 5)) {
            assertTrue(esp.contains(new Extent(w.pos() / 512, (w.pos() + w.length() - 1) / 512)),
                    "before the GPT only the ESP is written: " + w);
        }
        assertEquals(List.of(
                new RecordingDevice.Write(g.backupEntriesLba() * 512, 32 * 512),
                new RecordingDevice.Write(g.backupHeaderLba() * 512, 512),
                new RecordingDevice.Write(2 * 512, 32 * 512),
                new RecordingDevice.Write(512, 512),
                new RecordingDevice.Write(0, 512)), writes.subList(n - 5, n));
        List<Object> tail = rec.events.subList(rec.events.size() - 8, rec.events.size());
        assertEquals(List.of(writes.get(n - 5), writes.get(n - 4), "flush", writes.get(n - 3), writes.get(n - 2),
                "flush", writes.get(n - 1), "flush"), tail);
        for (PartitionSpec p : WINDOWS.partitions()) {
            assertEquals("data@" + p.start(), marker(d, p.start()));
            assertEquals("data@" + p.last(), marker(d, p.last()));
        }
        ByteBuffer boot = d.readSectors(esp.first(), 1);
        assertEquals("FAT32   ", new String(boot.array(), 82, 8, StandardCharsets.US_ASCII));
        assertTrue(progress.get(progress.size() - 1).contains("protective MBR"));
    }

    @Test
    void aCrashBeforeTheLastWriteLeavesTheSameMbrDisk() throws Exception {
        MemoryBlockDevice probe = disk(WINDOWS);
        ConversionPlan plan = plan(probe, ConversionOptions.of(TargetOs.WINDOWS));
        RecordingDevice counting = new RecordingDevice(probe, -1);
        ConversionWriter.apply(counting, plan, m -> { });
        int total = counting.writes().size();
        for (int crashAt : new int[] {0, total - 5, total - 4, total - 3, total - 2, total - 1}) {
            MemoryBlockDevice d = disk(WINDOWS);
            DiskScan before = DiskClassifier.classify(d);
            assertThrows(IOException.class, () -> ConversionWriter.apply(new RecordingDevice(d, crashAt), plan, m -> { }));
            DiskScan after = DiskClassifier.classify(d);
            assertEquals(DiskClass.MBR, after.diskClass(), "crash at write " + crashAt + ": " + after.summary());
            assertEquals(before.mbrDisk(), after.mbrDisk());
        }
    }

    @Test
    void refusesWhenTheDiskChangedSinceThePlan() throws Exception {
        MemoryBlockDevice d = disk(WINDOWS);
        ConversionPlan plan = plan(d, ConversionOptions.of(TargetOs.WINDOWS));
        d.write(440, ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        RecordingDevice rec = new RecordingDevice(d, -1);
        IOException e = assertThrows(IOException.class, () -> ConversionWriter.apply(rec, plan, m -> { }));
        assertTrue(e.getMessage().contains("changed since the plan"));
        assertEquals(List.of(), rec.writes());
    }

    @Test
    void growsARawImageAndPutsTheBackupGptAtTheNewEnd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("linux.img");
        long bytes = 2 * GIB;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(bytes);
        }
        try (RawImage img = RawImage.open(file, true, 512)) {
            LayoutWriter.write(img, LayoutPresets.named("linux-mbr-custom", 512, bytes), new Random(1));
            ConversionPlan plan = plan(img, new ConversionOptions(TargetOs.LINUX, null, 101));
            DiskScan after = ConversionWriter.apply(img, plan, m -> { });
            assertEquals(bytes + 101 * (1L << 20), img.size());
            assertEquals(DiskClass.GPT, after.diskClass(), after.summary());
            assertEquals(img.sectorCount() - 1, after.gptTable().backup().myLba());
            assertEquals(new Extent(2048, bytes / 512 - 1), after.gptTable().entries().get(0).extent());
            assertEquals(new Extent(34, 2047), plan.biosBoot());
        }
    }

    @Test
    void twoTebibyteDiskGetsACappedProtectiveMbr() throws Exception {
        long n = (2L << 40) / 512 + 2048 * 1024;
        MemoryBlockDevice d = new MemoryBlockDevice(n * 512, 512);
        LayoutWriter.write(d, LayoutSpec.mbr(512, n, List.of(new PartitionSpec("07", 2048, 1024000, true),
                new PartitionSpec("07", 1026048, 0xFFFFFFFFL - 1026048, false))), new Random(1));
        ConversionPlan plan = plan(d, ConversionOptions.of(TargetOs.WINDOWS));
        DiskScan after = ConversionWriter.apply(d, plan, m -> { });
        assertEquals(DiskClass.GPT, after.diskClass(), after.summary());
        assertEquals(0xFFFFFFFFL, after.mbr().entries().get(0).sectors());
        assertTrue(plan.esp().first() > 0xFFFFFFFFL, "the ESP lies beyond what an MBR could address");
        assertTrue(d.allocatedBytes() < 8L << 20, "only metadata was written: " + d.allocatedBytes());
    }
}
