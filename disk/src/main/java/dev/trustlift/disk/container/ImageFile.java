package dev.trustlift.disk.container;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file under a container, with whole-buffer positional reads and writes. A read-only file
 * is opened without write access at all, so no code path can change it by mistake.
 */
final class ImageFile implements Closeable {
    private final Path path;
    private final FileChannel channel;
    private final boolean writable;
    /** Bytes written to the file itself (metadata included), for tests that prove writes stay small. */
    private long bytesWritten;

    private ImageFile(Path path, FileChannel channel, boolean writable) {
        this.path = path;
        this.channel = channel;
        this.writable = writable;
    }

    static ImageFile open(Path path, boolean writable) throws IOException {
        FileChannel ch = writable
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        return new ImageFile(path, ch, writable);
    }

    /** Creates a new, empty file; an existing file is never overwritten. */
    static ImageFile create(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.SPARSE);
        return new ImageFile(path, ch, true);
    }

    Path path() {
        return path;
    }

    boolean isWritable() {
        return writable;
    }

    long size() throws IOException {
        return channel.size();
    }

    /** Fills {@code dst} from {@code pos}; a short file is reported, never padded. */
    void readFully(long pos, ByteBuffer dst) throws IOException {
        long at = pos;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, at);
            if (n < 0) {
                throw new IOException(path + ": unexpected end of file at offset " + at + " (file size " + channel.size() + ")");
            }
            at += n;
        }
    }

    ByteBuffer read(long pos, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        readFully(pos, buf);
        return buf.flip();
    }

    void writeFully(long pos, ByteBuffer src) throws IOException {
        requireWritable();
        long at = pos;
        bytesWritten += src.remaining();
        while (src.hasRemaining()) {
            at += channel.write(src, at);
        }
    }

    /** Sets the file length; growing leaves a hole that reads as zeros and costs no space. */
    void setLength(long length) throws IOException {
        requireWritable();
        long current = channel.size();
        if (length < current) {
            channel.truncate(length);
        } else if (length > current) {
            // truncate() cannot grow a file; writing its last byte does, sparsely.
            channel.write(ByteBuffer.allocate(1), length - 1);
            bytesWritten++;
        }
    }

    long bytesWritten() {
        return bytesWritten;
    }

    void force() throws IOException {
        if (writable) {
            channel.force(true);
        }
    }

    void requireWritable() throws IOException {
        if (!writable) {
            throw new IOException(path + " is open read-only");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
