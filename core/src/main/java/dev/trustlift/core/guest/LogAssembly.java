package dev.trustlift.core.guest;

import java.io.ByteArrayOutputStream;

/**
 * A guest log fetched in chunks, one fetch-log run each (Run Command keeps 4,096 bytes of output):
 * chunks must come in order, each starting where the last ended; the log is complete when its
 * bytes reach the length the guest reported. A log that grew between runs (the length changed)
 * is refused, so a mixed file is never saved.
 */
public final class LogAssembly {
    private final String file;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long total = -1;
    private boolean absent;

    public LogAssembly(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** Where the next fetch-log run starts (its Offset parameter). */
    public long nextOffset() {
        return bytes.size();
    }

    public void add(LogChunk chunk) {
        if (chunk.absent()) {
            if (bytes.size() > 0) {
                throw new IllegalStateException(file + " disappeared after " + bytes.size() + " bytes were fetched");
            }
            absent = true;
            return;
        }
        if (total >= 0 && chunk.totalLength() != total) {
            throw new IllegalStateException(file + " changed length between runs (" + total + " -> " + chunk.totalLength()
                    + " bytes)");
        }
        if (chunk.offset() != bytes.size()) {
            throw new IllegalStateException(file + ": chunk at " + chunk.offset() + " but " + bytes.size() + " bytes were fetched");
        }
        total = chunk.totalLength();
        bytes.writeBytes(chunk.bytes());
    }

    public boolean absent() {
        return absent;
    }

    public boolean complete() {
        return absent || total >= 0 && bytes.size() == total;
    }

    public byte[] bytes() {
        if (!complete()) {
            throw new IllegalStateException(file + " is not complete: " + bytes.size() + " of " + total + " bytes");
        }
        return bytes.toByteArray();
    }
}
