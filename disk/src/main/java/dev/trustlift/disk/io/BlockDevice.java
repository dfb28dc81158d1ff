package dev.trustlift.disk.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A virtual disk seen as a flat array of bytes with a logical sector size. Every layer of the
 * disk engine (containers, partition tables, file systems) talks to the one below through this.
 * Positions are byte offsets; reads and writes are positional and never move a cursor, so one
 * device can be shared by several readers.
 */
public interface BlockDevice extends Closeable {

    /** Logical sector size in bytes: 512 or 4096. */
    int sectorSize();

    /** Virtual size in bytes (what the guest sees), always a whole number of sectors. */
    long size();

    default long sectorCount() {
        return size() / sectorSize();
    }

    /** Fills {@code dst} completely from byte offset {@code pos}; reading past the end is an error. */
    void read(long pos, ByteBuffer dst) throws IOException;

    /** Writes all of {@code src} at byte offset {@code pos}; refused on a read-only device. */
    void write(long pos, ByteBuffer src) throws IOException;

    boolean isWritable();

    /** Makes every completed write durable (fsync for files). */
    void flush() throws IOException;

    default ByteBuffer readSectors(long lba, int count) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(count, sectorSize()));
        read(lba * sectorSize(), buf);
        return buf.flip();
    }
}
