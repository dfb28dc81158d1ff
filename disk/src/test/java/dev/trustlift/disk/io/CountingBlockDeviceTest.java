package dev.trustlift.disk.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class CountingBlockDeviceTest {

    @Test
    void countsBytesAndCallsBothWays() throws IOException {
        MemoryBlockDevice mem = new MemoryBlockDevice(1 << 20, 512);
        CountingBlockDevice dev = new CountingBlockDevice(mem);
        dev.write(512, ByteBuffer.wrap(new byte[] {1, 2, 3}));
        dev.write(4096, ByteBuffer.allocate(1000));
        ByteBuffer back = ByteBuffer.allocate(3);
        dev.read(512, back);
        assertArrayEquals(new byte[] {1, 2, 3}, back.array());
        assertEquals(new CountingBlockDevice.Counts(3, 1003, 1, 2, 0), dev.counts());
        dev.reset();
        assertEquals(new CountingBlockDevice.Counts(0, 0, 0, 0, 0), dev.counts());
    }

    @Test
    void failedCallsAreNotCounted() {
        CountingBlockDevice dev = new CountingBlockDevice(new MemoryBlockDevice(4096, 512));
        assertThrows(IOException.class, () -> dev.write(4000, ByteBuffer.allocate(512)));
        assertEquals(0, dev.bytesWritten());
        assertEquals(0, dev.writeCalls());
    }
}
