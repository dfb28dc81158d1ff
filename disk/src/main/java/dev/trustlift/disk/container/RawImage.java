package dev.trustlift.disk.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A raw image: the file's bytes are the disk's bytes. */
public final class RawImage implements DiskImage {
    private final FileChannel channel;
    private final boolean writable;
    private final int sectorSize;
    private long size;

    private RawImage(FileChannel channel, boolean writable, int sectorSize, long size) {
        this.channel = channel;
        this.writable = writable;
        this.sectorSize = sectorSize;
        this.size = size;
    }

    public static RawImage open(Path path, boolean writable, int sectorSize) throws IOException {
        FileChannel ch = writable
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        long size = ch.size();
        if (size == 0 || size % sectorSize != 0) {
            ch.close();
            throw new dev.trustlift.disk.io.CorruptImageException(path + ": size " + size
                    + " bytes is not a whole number of " + sectorSize + "-byte sectors");
        }
        return new RawImage(ch, writable, sectorSize, size);
    }

    @Override public ImageFormat format() { return ImageFormat.RAW; }
    @Override public int sectorSize() { return sectorSize; }
    @Override public long size() { return size; }
    @Override public boolean isWritable() { return writable; }

    @Override
    public void read(long pos, ByteBuffer dst) throws IOException {
        if (pos < 0 || pos + dst.remaining() > size) {
            throw new IOException("read beyond the end of the image: offset " + pos + " length " + dst.remaining());
        }
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at offset " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        if (!writable) {
            throw new IOException("image is open read-only");
        }
        if (pos < 0 || pos + src.remaining() > size) {
            throw new IOException("write beyond the end of the image: offset " + pos + " length " + src.remaining());
        }
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    @Override
    public void grow(long newSize) throws IOException {
        if (!writable) {
            throw new IOException("image is open read-only");
        }
        if (newSize < size || newSize % sectorSize != 0) {
            throw new IllegalArgumentException("cannot grow from " + size + " to " + newSize + " bytes");
        }
        // Writing the last byte extends the file sparsely; truncate() cannot grow a file.
        channel.write(ByteBuffer.allocate(1), newSize - 1);
        size = newSize;
    }

    @Override public void flush() throws IOException { if (writable) channel.force(true); }
    @Override public void close() throws IOException { channel.close(); }
}
