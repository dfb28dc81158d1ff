package dev.trustlift.disk.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MemoryBlockDeviceTest {

    @Test
    void unwrittenBytesReadAsZeroAndCostNoMemory() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(2L << 40, 512);
        ByteBuffer buf = ByteBuffer.allocate(512);
        dev.read(dev.size() - 512, buf);
        assertEquals(0, dev.allocatedBytes());
        for (byte b : buf.array()) assertEquals(0, b);
    }

    @Test
    void writeSpanningChunksReadsBack() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(1 << 20, 512);
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 31);
        dev.write(60_000, ByteBuffer.wrap(data));
        ByteBuffer back = ByteBuffer.allocate(data.length);
        dev.read(60_000, back);
        assertArrayEquals(data, back.array());
    }

    @Test
    void accessBeyondTheEndIsRefused() {
        MemoryBlockDevice dev = new MemoryBlockDevice(4096, 4096);
        assertThrows(IOException.class, () -> dev.read(1, ByteBuffer.allocate(4096)));
        assertThrows(IOException.class, () -> dev.write(-1, ByteBuffer.allocate(1)));
    }
}
