package dev.trustlift.disk.container;

import dev.trustlift.disk.io.CorruptImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A fixed VHD: the disk's bytes, then a 512-byte footer. The virtual size is the footer's
 * current size, as Azure reads it (qemu rounds sizes up to CHS geometry unless told
 * force_size=on; the footer's current size then already includes the rounding).
 */
public final class FixedVhd implements DiskImage {
    /** Fixed VHDs have no allocation table; this only keeps offsets and sizes sane. */
    static final long MAX_SIZE = Long.MAX_VALUE / 2;

    private final ImageFile file;
    private final int sectorSize;
    private volatile VhdFooter footer;

    private FixedVhd(ImageFile file, int sectorSize, VhdFooter footer) {
        this.file = file;
        this.sectorSize = sectorSize;
        this.footer = footer;
    }

    /** Opens a fixed VHD whose footer at {@code footerOffset} (the last 512 bytes) was already verified. */
    static FixedVhd open(ImageFile file, VhdFooter footer, long footerOffset, int sectorSize) throws IOException {
        ImageSizes.requireSectorMultiple(file.path(), footer.currentSize(), sectorSize);
        if (footer.currentSize() != footerOffset) {
            throw new CorruptImageException(file.path() + ": fixed VHD footer says the disk is " + footer.currentSize()
                    + " bytes but the file holds " + footerOffset + " bytes before the footer"
                    + (footer.currentSize() > footerOffset ? " (file truncated?)" : ""));
        }
        return new FixedVhd(file, sectorSize, footer);
    }

    /** Creates a new fixed VHD of {@code size} zero bytes; the data part stays a hole until written. */
    public static FixedVhd create(Path path, long size, int sectorSize) throws IOException {
        ImageSizes.requireNewSize(size, sectorSize, MAX_SIZE);
        VhdFooter footer = VhdFooter.create(VhdDiskType.FIXED, size, Instant.now());
        ImageFile f = ImageFile.create(path);
        try {
            f.writeFully(size, footer.toBuffer());
            f.force();
            return open(f, footer, size, sectorSize);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    @Override public ImageFormat format() { return ImageFormat.VHD_FIXED; }
    @Override public int sectorSize() { return sectorSize; }
    @Override public long size() { return footer.currentSize(); }
    @Override public boolean isWritable() { return file.isWritable(); }
    @Override public void flush() throws IOException { file.force(); }
    @Override public void close() throws IOException { file.close(); }

    /** Bytes written to the file since it was opened, container metadata included. */
    public long fileBytesWritten() { return file.bytesWritten(); }

    public VhdFooter footer() {
        return footer;
    }

    @Override
    public void read(long pos, ByteBuffer dst) throws IOException {
        ImageSizes.requireRange(pos, dst.remaining(), size(), "read");
        file.readFully(pos, dst);
    }

    @Override
    public void write(long pos, ByteBuffer src) throws IOException {
        file.requireWritable();
        ImageSizes.requireRange(pos, src.remaining(), size(), "write");
        file.writeFully(pos, src);
    }

    /**
     * Writes the new footer at the new end first, then zeroes the old footer, which is now part of
     * the disk: a crash in between leaves a valid, grown image.
     */
    @Override
    public synchronized void grow(long newSize) throws IOException {
        file.requireWritable();
        ImageSizes.requireGrowth(file.path(), size(), newSize, sectorSize, MAX_SIZE);
        if (newSize == size()) {
            return;
        }
        long oldFooterOffset = size();
        VhdFooter grown = footer.resized(newSize);
        file.writeFully(newSize, grown.toBuffer());
        file.writeFully(oldFooterOffset, ByteBuffer.allocate(VhdFooter.SIZE));
        footer = grown;
    }

    @Override
    public String toString() {
        return "fixed VHD " + file.path() + " (" + size() + " bytes)";
    }
}
