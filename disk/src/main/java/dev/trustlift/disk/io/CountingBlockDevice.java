package dev.trustlift.disk.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Passes every call to another device and counts the calls and bytes, so a benchmark or test can
 * prove that an operation touched only metadata (a few KiB) and not the data area.
 */
public final class CountingBlockDevice implements BlockDevice {
    private final BlockDevice inner;
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong readCalls = new AtomicLong();
    private final AtomicLong writeCalls = new AtomicLong();
    private final AtomicLong flushCalls = new AtomicLong();

    public CountingBlockDevice(BlockDevice inner) {
        this.inner = inner;
    }

    /** A snapshot of the counters. */
    public record Counts(long bytesRead, long bytesWritten, long readCalls, long writeCalls, long flushCalls) {
        @Override
        public String toString() {
            return "read " + bytesRead + " B in " + readCalls + " calls, wrote " + bytesWritten + " B in "
                    + writeCalls + " calls, " + flushCalls + " flushes";
        }
    }

    public Counts counts() {
        return new Counts(bytesRead.get(), bytesWritten.get(), readCalls.get(), writeCalls.get(), flushCalls.get());
    }

    public long bytesRead() { return bytesRead.get(); }
    public long bytesWritten() { return bytesWritten.get(); }
    public long readCalls() { return readCalls.get(); }
    public long writeCalls() { return writeCalls.get(); }

    public void reset() {
        bytesRead.set(0);
        bytesWritten.set(0);
        readCalls.set(0);
        writeCalls.set(0);
        flushCalls.set(0);
    }

    @Override public int sectorSize() { return inner.sectorSize(); }
    @Override public long size() { return inner.size(); }
    @Override public boolean isWritable() { return inner.isWritable(); }

    @Override
    public void read(long pos, ByteBuffer dst) throws IOException {
        int n = dst.remaining();
        inner.read(pos, dst);
        readCalls.incrementAndGet();
        bytesRead.addAndGet(n);
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        int n = src.remaining();
        inner.write(pos, src);
        writeCalls.incrementAndGet();
        bytesWritten.addAndGet(n);
    }

    @Override
    public void flush() throws IOException {
        flushCalls.incrementAndGet();
        inner.flush();
    }

    /** Closes the device underneath: the counter owns what it wraps. */
    @Override
    public void close() throws IOException {
        inner.close();
    }
}
