package dev.trustlift.disk.partition.mbr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MasterBootRecordTest {

    @Test
    void entryLayoutMatchesWhatSfdiskWrites() {
        // bytes sfdisk 2.38 wrote for "start=2048, size=1024000, type=7, bootable" on a 127 GiB disk
        MbrPartitionEntry e = MbrPartitionEntry.of(true, 0x07, 2048, 1024000, 2048);
        ByteBuffer buf = ByteBuffer.allocate(16);
        e.writeTo(buf);
        assertEquals("8020210007dd1e3f0008000000a00f00", HexFormat.of().formatHex(buf.array()));
    }

    @Test
    void chsClampsBeyondCylinder1023AndEncodesHighCylinderBits() {
        assertEquals(new Chs(0, 0, 2), Chs.ofLba(1));
        assertEquals(Chs.MAX, Chs.ofLba(0xFFFFFFFFL));
        Chs c = new Chs(1000, 17, 33);
        ByteBuffer buf = ByteBuffer.allocate(3);
        c.writeTo(buf);
        assertEquals(c, Chs.parse(buf.flip()));
        ByteBuffer max = ByteBuffer.allocate(3);
        Chs.MAX.writeTo(max);
        assertEquals("feffff", HexFormat.of().formatHex(max.array()));
    }

    @Test
    void roundTripsBootCodeSignatureAndEntries() {
        byte[] code = new byte[440];
        new Random(3).nextBytes(code);
        MasterBootRecord mbr = MasterBootRecord.of(code, 0xDEADBEEFL, List.of(
                MbrPartitionEntry.of(true, 0x07, 2048, 1024000, 2048),
                MbrPartitionEntry.of(false, 0x83, 1026048, 0xFFFFFFFFL, 1026048),
                MbrPartitionEntry.EMPTY, MbrPartitionEntry.EMPTY));
        ByteBuffer bytes = mbr.toBytes();
        assertEquals(512, bytes.remaining());
        assertEquals(0x55, bytes.get(510));
        assertEquals((byte) 0xAA, bytes.get(511));
        MasterBootRecord back = MasterBootRecord.parse(bytes.duplicate());
        assertEquals(mbr, back);
        assertArrayEquals(code, back.bootCode());
        assertEquals(0xDEADBEEFL, back.diskSignature());
        assertEquals(0xFFFFFFFFL, back.entries().get(1).sectors());
        assertTrue(back.hasBootSignature());
        assertTrue(back.entries().get(0).isActive());
        assertFalse(back.entries().get(2).isUsed());
    }

    @Test
    void refusesLbasAnMbrCannotHold() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MbrPartitionEntry.of(false, 0x07, 1L << 32, 1, 1L << 32));
    }
}
