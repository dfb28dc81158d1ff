package dev.trustlift.cli.disk;

import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.container.ImageFormat;
import dev.trustlift.disk.io.CountingBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A disk image whose reads and writes are counted (for `convert --stats`): a CountingBlockDevice
 * that still is a DiskImage, so the writer can grow it.
 */
final class CountingDiskImage implements DiskImage {
    private final DiskImage image;
    private final CountingBlockDevice counter;

    CountingDiskImage(DiskImage image) {
        this.image = image;
        this.counter = new CountingBlockDevice(image);
    }

    CountingBlockDevice.Counts counts() {
        return counter.counts();
    }

    @Override public ImageFormat format() { return image.format(); }
    @Override public void grow(long newSize) throws IOException { image.grow(newSize); }
    @Override public int sectorSize() { return counter.sectorSize(); }
    @Override public long size() { return counter.size(); }
    @Override public boolean isWritable() { return counter.isWritable(); }
    @Override public void read(long pos, ByteBuffer dst) throws IOException { counter.read(pos, dst); }
    @Override public void write(long pos, ByteBuffer src) throws IOException { counter.write(pos, src); }
    @Override public void flush() throws IOException { counter.flush(); }
    @Override public void close() throws IOException { counter.close(); }
}
