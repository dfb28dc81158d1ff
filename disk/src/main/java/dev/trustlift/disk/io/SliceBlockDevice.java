package dev.trustlift.disk.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A window onto part of another device, e.g. one partition, so a file system formatter sees its
 * volume from byte 0 and cannot reach outside it.
 */
public final class SliceBlockDevice implements BlockDevice {
    private final BlockDevice parent;
    private final long offset;
    private final long length;

    public SliceBlockDevice(BlockDevice parent, long offset, long length) {
        if (offset < 0 || length <= 0 || offset + length > parent.size()
                || offset % parent.sectorSize() != 0 || length % parent.sectorSize() != 0) {
            throw new IllegalArgumentException("slice [" + offset + ", +" + length + ") does not fit a device of "
                    + parent.size() + " bytes on whole sectors");
        }
        this.parent = parent;
        this.offset = offset;
        this.length = length;
    }

    @Override public int sectorSize() { return parent.sectorSize(); }
    @Override public long size() { return length; }
    @Override public boolean isWritable() { return parent.isWritable(); }
    @Override public void flush() throws IOException { parent.flush(); }

    /** Closing a slice leaves the parent open: the parent's owner closes it. */
    @Override public void close() { }

    @Override
    public void read(long pos, ByteBuffer dst) throws IOException {
        check(pos, dst.remaining());
        parent.read(offset + pos, dst);
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        check(pos, src.remaining());
        parent.write(offset + pos, src);
    }

    private void check(long pos, int n) throws IOException {
        if (pos < 0 || pos + n > length) {
            throw new IOException("access outside the slice: offset " + pos + " length " + n + " slice size " + length);
        }
    }
}
