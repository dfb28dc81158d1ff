package dev.trustlift.disk.partition.mbr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectiveMbrTest {

    @Test
    void coversTheDiskFromLba1WithStartChs002AndKeepsBootCode() {
        byte[] code = new byte[440];
        code[0] = (byte) 0xEB;
        code[439] = 0x42;
        MasterBootRecord p = ProtectiveMbr.forDisk(266338304L, code);
        MbrPartitionEntry ee = p.entries().get(0);
        assertEquals(0xEE, ee.type());
        assertEquals(0, ee.status());
        assertEquals(new Chs(0, 0, 2), ee.startChs());
        assertEquals(Chs.UNREPRESENTABLE, ee.endChs());
        assertEquals(1, ee.startLba());
        assertEquals(266338303L, ee.sectors());
        assertEquals(0, p.diskSignature());
        assertArrayEquals(code, p.bootCode());
        assertTrue(p.entries().subList(1, 4).stream().noneMatch(MbrPartitionEntry::isUsed));
        assertTrue(ProtectiveMbr.isProtective(p));
    }

    @Test
    void aDiskOfTwoTebibytesAndMoreIsCappedAt0xFFFFFFFF() {
        long twoTiB = (2L << 40) / 512;
        assertEquals(0xFFFFFFFFL, ProtectiveMbr.forDisk(twoTiB, new byte[440]).entries().get(0).sectors());
        assertEquals(0xFFFFFFFFL, ProtectiveMbr.forDisk(twoTiB + 1, new byte[440]).entries().get(0).sectors());
        assertEquals(0xFFFFFFFEL, ProtectiveMbr.forDisk(twoTiB - 1, new byte[440]).entries().get(0).sectors());
    }

    @Test
    void smallDiskEndChsIsTheLastLba() {
        MasterBootRecord p = ProtectiveMbr.forDisk(2048 * 64, new byte[440]);
        assertEquals(Chs.ofLba(2048 * 64 - 1), p.entries().get(0).endChs());
    }

    @Test
    void hybridIsNotProtective() {
        MasterBootRecord hybrid = MasterBootRecord.of(new byte[440], 0, List.of(
                new MbrPartitionEntry(0, Chs.ofLba(1), 0xEE, Chs.ofLba(2047), 1, 2047),
                MbrPartitionEntry.of(true, 0x07, 2048, 4096, 2048),
                MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY));
        assertFalse(ProtectiveMbr.isProtective(hybrid));
        assertTrue(ProtectiveMbr.hasProtectiveEntry(hybrid));
    }
}
