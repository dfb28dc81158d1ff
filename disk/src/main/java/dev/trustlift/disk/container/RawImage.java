package dev.trustlift.disk.container;

import dev.trustlift.disk.io.CorruptImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** A raw image: the file's bytes are the disk's bytes. */
public final class RawImage implements DiskImage {
    private final ImageFile file;
    private final int sectorSize;
    private long size;

    private RawImage(ImageFile file, int sectorSize, long size) {
        this.file = file;
        this.sectorSize = sectorSize;
        this.size = size;
    }

    public static RawImage open(Path path, boolean writable, int sectorSize) throws IOException {
        ImageSizes.requireSectorSize(sectorSize);
        ImageFile file = ImageFile.open(path, writable);
        try {
            return open(file, sectorSize);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    static RawImage open(ImageFile file, int sectorSize) throws IOException {
        long size = file.size();
        if (size == 0 || size % sectorSize != 0) {
            throw new CorruptImageException(file.path() + ": size " + size + " bytes is not a whole number of "
                    + sectorSize + "-byte sectors");
        }
        return new RawImage(file, sectorSize, size);
    }

    /** Creates a new sparse raw image of {@code size} zero bytes; an existing file is never overwritten. */
    public static RawImage create(Path path, long size, int sectorSize) throws IOException {
        ImageSizes.requireSectorSize(sectorSize);
        if (size <= 0 || size % sectorSize != 0) {
            throw new IllegalArgumentException("raw image size must be a positive whole number of " + sectorSize
                    + "-byte sectors, not " + size + " bytes");
        }
        ImageFile file = ImageFile.create(path);
        file.setLength(size);
        return new RawImage(file, sectorSize, size);
    }

    @Override public ImageFormat format() { return ImageFormat.RAW; }
    @Override public int sectorSize() { return sectorSize; }
    @Override public long size() { return size; }
    @Override public boolean isWritable() { return file.isWritable(); }
    @Override public void flush() throws IOException { file.force(); }
    @Override public void close() throws IOException { file.close(); }

    /** Bytes written to the file since it was opened, container metadata included. */
    public long fileBytesWritten() { return file.bytesWritten(); }

    @Override
    public void read(long pos, ByteBuffer dst) throws IOException {
        ImageSizes.requireRange(pos, dst.remaining(), size, "read");
        file.readFully(pos, dst);
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        file.requireWritable();
        ImageSizes.requireRange(pos, src.remaining(), size, "write");
        file.writeFully(pos, src);
    }

    @Override
    public void grow(long newSize) throws IOException {
        file.requireWritable();
        if (newSize < size || newSize % sectorSize != 0) {
            throw new IllegalArgumentException(file.path() + ": cannot grow from " + size + " to " + newSize
                    + " bytes; the new size must be larger and a whole number of " + sectorSize + "-byte sectors");
        }
        file.setLength(newSize);
        size = newSize;
    }

    @Override
    public String toString() {
        return "raw image " + file.path() + " (" + size + " bytes)";
    }
}
