package dev.trustlift.disk.convert;

import dev.trustlift.disk.io.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Records every write (and flush) in order, and can fail the n-th write to simulate a crash. */
final class RecordingDevice implements BlockDevice {
    record Write(long pos, int length) {
    }

    private final BlockDevice inner;
    private final int failAtWrite;
    final List<Object> events = new ArrayList<>();

    RecordingDevice(BlockDevice inner, int failAtWrite) {
        this.inner = inner;
        this.failAtWrite = failAtWrite;
    }

    List<Write> writes() {
        return events.stream().filter(Write.class::isInstance).map(Write.class::cast).toList();
    }

    @Override public int sectorSize() { return inner.sectorSize(); }
    @Override public long size() { return inner.size(); }
    @Override public boolean isWritable() { return true; }
    @Override public void close() { }

    @Override
    public void read(long pos, ByteBuffer dst) throws IOException {
        inner.read(pos, dst);
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        if (writes().size() == failAtWrite) {
            throw new IOException("simulated crash at write " + failAtWrite);
        }
        events.add(new Write(pos, src.remaining()));
        inner.write(pos, src);
    }

    @Override
    public void flush() throws IOException {
        events.add("flush");
        inner.flush();
    }
}
