package dev.trustlift.disk.scan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.layout.LayoutSpec;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.layout.LayoutWriter;
import dev.trustlift.disk.partition.gpt.GptHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Damaged tables, including damage with valid CRCs (what a buggy tool writes), must always
 * classify: INVALID with reasons, never an exception.
 */
class DiskClassifierFuzzTest {
    private static final long SECTORS = 131072;
    private final Random random = new Random(2026);

    private MemoryBlockDevice gptDisk() throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(SECTORS * 512, 512);
        LayoutWriter.write(d, new LayoutSpec(LayoutSpec.Scheme.GPT, 512, SECTORS, List.of(
                new PartitionSpec("EF00", 2048, 20480, false, 1), new PartitionSpec("8300", 22528, 60000, false, 2))),
                random);
        return d;
    }

    private MemoryBlockDevice mbrDisk() throws IOException {
        MemoryBlockDevice d = new MemoryBlockDevice(SECTORS * 512, 512);
        LayoutWriter.write(d, LayoutSpec.mbr(512, SECTORS, List.of(new PartitionSpec("83", 2048, 20480, true),
                new PartitionSpec("0F", 22528, 80000, false), new PartitionSpec("83", 24576, 20000, false),
                new PartitionSpec("82", 46080, 20000, false))), random);
        return d;
    }

    private void poke(MemoryBlockDevice d, long pos, int length) throws IOException {
        byte[] junk = new byte[length];
        random.nextBytes(junk);
        d.write(pos, ByteBuffer.wrap(junk));
    }

    /** Re-seals the primary header and array CRCs so the damage gets past the CRC checks. */
    private static void reseal(MemoryBlockDevice d) throws IOException {
        ByteBuffer header = d.readSectors(1, 1).order(ByteOrder.LITTLE_ENDIAN);
        long entriesLba = header.getLong(72);
        long count = Integer.toUnsignedLong(header.getInt(80));
        long size = Integer.toUnsignedLong(header.getInt(84));
        if (entriesLba > 1 && entriesLba < SECTORS - 64 && count * size > 0 && count * size <= 32 * 512) {
            ByteBuffer array = ByteBuffer.allocate((int) (count * size));
            d.read(entriesLba * 512, array);
            CRC32 crc = new CRC32();
            crc.update(array.array());
            header.putInt(88, (int) crc.getValue());
        }
        int headerSize = header.getInt(12);
        if (headerSize >= 92 && headerSize <= 512) {
            header.putInt(16, GptHeader.computeCrc(header, headerSize));
        }
        d.write(512, header.clear());
    }

    @Test
    void damagedGptsAlwaysClassify() throws IOException {
        int invalid = 0;
        for (int i = 0; i < 300; i++) {
            MemoryBlockDevice d = gptDisk();
            if (i % 2 == 0) {
                poke(d, 512 + 8 + random.nextInt(84), 1 + random.nextInt(8));
            } else {
                poke(d, 2 * 512 + random.nextInt(3 * 128), 1 + random.nextInt(16));
            }
            if (random.nextInt(4) != 0) {
                reseal(d);
            }
            DiskScan scan = DiskClassifier.classify(d);
            invalid += scan.diskClass() == DiskClass.INVALID ? 1 : 0;
            assertTrue(scan.diskClass() != DiskClass.INVALID || !scan.reasons().isEmpty());
        }
        assertTrue(invalid > 100, "most damage is detected: " + invalid);
    }

    @Test
    void damagedMbrsAndEbrChainsAlwaysClassify() throws IOException {
        int invalid = 0;
        for (int i = 0; i < 300; i++) {
            MemoryBlockDevice d = mbrDisk();
            long ebr = i % 2 == 0 ? 22528 : 24576 + 20000;
            poke(d, i % 3 == 0 ? 446 + random.nextInt(64) : ebr * 512 + 446 + random.nextInt(32), 1 + random.nextInt(6));
            DiskScan scan = DiskClassifier.classify(d);
            invalid += scan.diskClass() == DiskClass.INVALID ? 1 : 0;
            assertTrue(scan.diskClass() != DiskClass.INVALID || !scan.reasons().isEmpty());
        }
        assertTrue(invalid > 50, "damage is detected: " + invalid);
    }
}
