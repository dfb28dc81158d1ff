package dev.trustlift.disk.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * A sparse in-memory device: only chunks that were written take memory, so 2 TiB edge cases
 * cost nothing in tests. Unwritten bytes read as zero.
 */
public final class MemoryBlockDevice implements BlockDevice {
    private static final int CHUNK = 64 * 1024;

    private final int sectorSize;
    private final long size;
    private final Map<Long, byte[]> chunks = new HashMap<>();

    public MemoryBlockDevice(long size, int sectorSize) {
        if (sectorSize != 512 && sectorSize != 4096) {
            throw new IllegalArgumentException("sector size must be 512 or 4096, not " + sectorSize);
        }
        if (size <= 0 || size % sectorSize != 0) {
            throw new IllegalArgumentException("size must be a positive multiple of the sector size: " + size);
        }
        this.size = size;
        this.sectorSize = sectorSize;
    }

    @Override public int sectorSize() { return sectorSize; }
    @Override public long size() { return size; }
    @Override public boolean isWritable() { return true; }
    @Override public void flush() { }
    @Override public void close() { }

    @Override
    public void read(long pos, ByteBuffer dst) throws IOException {
        checkRange(pos, dst.remaining());
        while (dst.hasRemaining()) {
            long chunkIndex = pos / CHUNK;
            int offset = (int) (pos % CHUNK);
            int n = Math.min(dst.remaining(), CHUNK - offset);
            byte[] chunk = chunks.get(chunkIndex);
            if (chunk == null) {
                for (int i = 0; i < n; i++) dst.put((byte) 0);
            } else {
                dst.put(chunk, offset, n);
            }
            pos += n;
        }
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        checkRange(pos, src.remaining());
        while (src.hasRemaining()) {
            long chunkIndex = pos / CHUNK;
            int offset = (int) (pos % CHUNK);
            int n = Math.min(src.remaining(), CHUNK - offset);
            src.get(chunks.computeIfAbsent(chunkIndex, k -> new byte[CHUNK]), offset, n);
            pos += n;
        }
    }

    /** Bytes of memory actually allocated: the test for "only metadata was touched". */
    public long allocatedBytes() {
        return (long) chunks.size() * CHUNK;
    }

    private void checkRange(long pos, int length) throws IOException {
        if (pos < 0 || pos + length > size) {
            throw new IOException("access beyond the end of the device: offset " + pos + " length " + length
                    + " size " + size);
        }
    }
}
