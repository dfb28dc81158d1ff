package dev.trustlift.disk.partition.gpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.io.MemoryBlockDevice;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.Guid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GptPartitionTableTest {
    private final Random random = new Random(11);

    private GptPartitionTable table(int sectorSize, long sectors) {
        GptEntry esp = new GptEntry(GptType.EFI_SYSTEM.guid(), Guid.random(random), 2048, 206847, 0,
                "EFI system partition");
        GptEntry winre = new GptEntry(GptType.WINDOWS_RE.guid(), Guid.random(random), 206848, 300000,
                GptType.WINRE_ATTRIBUTES, "Windows RE");
        return GptPartitionTable.create(new GptGeometry(sectorSize, sectors), Guid.random(random), List.of(esp, winre));
    }

    @Test
    void geometryFollowsTheSectorSize() {
        GptGeometry g512 = new GptGeometry(512, 1000000);
        assertEquals(34, g512.firstUsable());
        assertEquals(1000000 - 34, g512.lastUsable());
        assertEquals(1000000 - 33, g512.backupEntriesLba());
        GptGeometry g4k = new GptGeometry(4096, 1000000);
        assertEquals(6, g4k.firstUsable());
        assertEquals(1000000 - 6, g4k.lastUsable());
        assertEquals(1000000 - 5, g4k.backupEntriesLba());
        assertEquals(1000000 - 1, g4k.backupHeaderLba());
    }

    @Test
    void backupHeaderPointsBackAtThePrimaryAndViceVersa() {
        GptPartitionTable t = table(512, 1000000);
        GptHeader p = t.primary();
        GptHeader b = t.backup();
        assertEquals(1, p.myLba());
        assertEquals(999999, p.alternateLba());
        assertEquals(999999, b.myLba());
        assertEquals(1, b.alternateLba());
        assertEquals(2, p.entriesLba());
        assertEquals(999999 - 32, b.entriesLba());
        assertEquals(p.entriesCrc(), b.entriesCrc());
        assertNotEquals(p.headerCrc(), b.headerCrc());
        GptHeader b4k = table(4096, 300000).backup();
        assertEquals(299999, b4k.myLba());
        assertEquals(1, b4k.alternateLba());
        assertEquals(299999 - 4, b4k.entriesLba());
    }

    @Test
    void headerRoundTripsAndItsCrcIsOverTheHeaderWithTheFieldZeroed() {
        GptHeader h = table(4096, 300000).primary();
        ByteBuffer sector = h.toSector(4096);
        assertEquals(h, GptHeader.parse(sector.duplicate()));
        assertEquals(h.headerCrc(), GptHeader.computeCrc(sector, GptHeader.HEADER_SIZE));
        sector.put(40, (byte) 7);
        assertNotEquals(h.headerCrc(), GptHeader.computeCrc(sector, GptHeader.HEADER_SIZE));
    }

    @Test
    void entryRoundTripsWithAttributesAndUtf16Name() {
        GptEntry e = new GptEntry(GptType.WINDOWS_RE.guid(), Guid.random(random), 34, 2047,
                GptType.WINRE_ATTRIBUTES, "Récupération");
        ByteBuffer buf = ByteBuffer.allocate(256);
        e.writeTo(buf);
        assertEquals(128, buf.position());
        assertEquals(e, GptEntry.parse(buf.flip(), 128));
        assertEquals(0x80, Byte.toUnsignedInt(buf.get(55)));
        assertEquals(1, buf.get(48));
    }

    @Test
    void writtenTableReadsBackCleanOn512And4Kn() throws IOException {
        for (int ss : new int[] {512, 4096}) {
            MemoryBlockDevice disk = new MemoryBlockDevice(ss * 400000L, ss);
            GptPartitionTable t = table(ss, 400000);
            t.writeBackup(disk);
            t.writePrimary(disk);
            GptScan scan = GptReader.read(disk);
            assertTrue(scan.clean(), scan.problems().toString());
            assertEquals(t, scan.table());
            assertEquals(2, scan.table().partitions().size());
        }
    }

    @Test
    void corruptionIsFoundAndNamed() throws IOException {
        MemoryBlockDevice disk = new MemoryBlockDevice(512 * 400000L, 512);
        GptPartitionTable t = table(512, 400000);
        t.writeBackup(disk);
        t.writePrimary(disk);
        disk.write(512 + 60, ByteBuffer.wrap(new byte[] {9}));
        GptScan headerCrc = GptReader.read(disk);
        assertFalse(headerCrc.clean());
        assertTrue(headerCrc.problems().get(0).startsWith("primary GPT header CRC mismatch at LBA 1"),
                headerCrc.problems().toString());
        assertEquals(t.backup(), headerCrc.table().primary(), "the backup still reads");
        t.writePrimary(disk);
        disk.write(2 * 512 + 200, ByteBuffer.wrap(new byte[] {9}));
        GptScan arrayCrc = GptReader.read(disk);
        assertTrue(arrayCrc.problems().get(0).contains("primary GPT partition array CRC mismatch"));
    }

    @Test
    void overlappingAndOutOfRangeEntriesAreProblems() throws IOException {
        MemoryBlockDevice disk = new MemoryBlockDevice(512 * 400000L, 512);
        GptEntry a = new GptEntry(GptType.BASIC_DATA.guid(), Guid.random(random), 2048, 10000, 0, "a");
        GptEntry b = new GptEntry(GptType.BASIC_DATA.guid(), Guid.random(random), 9000, 20000, 0, "b");
        GptEntry c = new GptEntry(GptType.BASIC_DATA.guid(), Guid.random(random), 30000, 399990, 0, "c");
        GptPartitionTable t = GptPartitionTable.create(new GptGeometry(512, 400000), Guid.random(random),
                List.of(a, b, c));
        t.writeBackup(disk);
        t.writePrimary(disk);
        List<String> problems = GptReader.read(disk).problems();
        assertTrue(problems.contains("GPT partitions 1 and 2 overlap"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("GPT partition 3 (LBA 30000..399990) lies outside")));
    }
}
