package dev.trustlift.disk.container;

import dev.trustlift.disk.io.CorruptImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads and cross-checks the metadata of a dynamic VHD: footer copy, header, BAT, and where every
 * block lies. Everything is verified before the image is used, so a damaged file is refused with
 * one line naming the value instead of being read (or written) wrongly. Only reads.
 */
record DynamicVhdLayout(VhdFooter footer, DynamicHeader header, BlockAllocationTable bat, long footerOffset,
                        long tableRoom) {

    /** The largest disk qemu and Hyper-V accept as a VHD: 2040 GiB. */
    static final long MAX_SIZE = 0xFF000000L * 512;

    static DynamicVhdLayout read(ImageFile file, VhdFooter footer, long footerOffset) throws IOException {
        String where = file.path() + ": ";
        ByteBuffer trailing = file.read(footerOffset, VhdFooter.SIZE);
        ByteBuffer copy = file.read(0, VhdFooter.SIZE);
        if (!copy.equals(trailing)) {
            String reason;
            try {
                VhdFooter head = VhdFooter.parse(copy, 0);
                reason = head.currentSize() != footer.currentSize()
                        ? "its current size is " + head.currentSize() + ", the footer says " + footer.currentSize()
                        : "their bytes differ";
            } catch (CorruptImageException e) {
                reason = e.getMessage();
            }
            throw new CorruptImageException(where + "dynamic VHD footer copy at offset 0 does not match the footer at offset "
                    + footerOffset + " (" + reason + "); the file was damaged or only partly written");
        }
        long headerOffset = footer.dataOffset();
        if (headerOffset < VhdFooter.SIZE || headerOffset % 512 != 0 || headerOffset + DynamicHeader.SIZE > footerOffset) {
            throw new CorruptImageException(where + "dynamic VHD footer points at a header at offset "
                    + Long.toUnsignedString(headerOffset) + ", outside the file's metadata area (footer at " + footerOffset + ")");
        }
        DynamicHeader header;
        try {
            header = DynamicHeader.parse(file.read(headerOffset, DynamicHeader.SIZE), headerOffset);
        } catch (CorruptImageException e) {
            throw new CorruptImageException(where + e.getMessage());
        }
        if (footer.currentSize() > MAX_SIZE) {
            throw new CorruptImageException(where + "dynamic VHD size " + footer.currentSize()
                    + " bytes is larger than the VHD maximum of " + MAX_SIZE + " bytes (2040 GiB)");
        }
        long entries = header.maxTableEntries();
        long mostUseful = (MAX_SIZE + header.blockSize() - 1) / header.blockSize();
        if (entries > mostUseful) {
            throw new CorruptImageException(where + "dynamic VHD BAT claims " + entries + " entries of " + header.blockSize()
                    + " bytes, more than the " + mostUseful + " a 2040 GiB disk needs");
        }
        if (entries * header.blockSize() < footer.currentSize()) {
            throw new CorruptImageException(where + "dynamic VHD BAT has " + entries + " entries of " + header.blockSize()
                    + " bytes, covering less than the disk's " + footer.currentSize() + " bytes");
        }
        long tableOffset = header.tableOffset();
        long tableEnd = tableOffset + entries * BlockAllocationTable.ENTRY_SIZE;
        if (tableOffset < VhdFooter.SIZE || tableEnd > footerOffset || overlaps(tableOffset, tableEnd, headerOffset, headerOffset + DynamicHeader.SIZE)) {
            throw new CorruptImageException(where + "dynamic VHD BAT at offset " + tableOffset + " with " + entries
                    + " entries does not fit between the header and the footer at offset " + footerOffset
                    + " (file truncated?)");
        }
        BlockAllocationTable bat = BlockAllocationTable.parse(file.read(tableOffset, (int) (tableEnd - tableOffset)), (int) entries);
        long room = checkBlocks(where, header, bat, headerOffset, tableOffset, tableEnd, footerOffset);
        return new DynamicVhdLayout(footer, header, bat, footerOffset, room);
    }

    /**
     * Every allocated block must lie after the metadata, before the footer, and apart from the
     * others. Returns how many bytes the BAT may grow to in place (up to the next structure).
     */
    private static long checkBlocks(String where, DynamicHeader header, BlockAllocationTable bat, long headerOffset,
                                    long tableOffset, long tableEnd, long footerOffset) throws CorruptImageException {
        long blockBytes = header.bitmapSize() + header.blockSize();
        long[] starts = new long[bat.size()];
        int n = 0;
        for (int i = 0; i < bat.size(); i++) {
            if (!bat.isAllocated(i)) {
                continue;
            }
            long start = bat.bitmapOffset(i);
            long end = start + blockBytes;
            String problem = null;
            if (start < VhdFooter.SIZE || end > footerOffset) {
                problem = "outside the data area that ends at the footer at offset " + footerOffset;
            } else if (overlaps(start, end, headerOffset, headerOffset + DynamicHeader.SIZE)) {
                problem = "over the dynamic header at offset " + headerOffset;
            } else if (overlaps(start, end, tableOffset, tableEnd)) {
                problem = "over the BAT itself (offsets " + tableOffset + " to " + tableEnd + ")";
            }
            if (problem != null) {
                throw new CorruptImageException(String.format("%sdynamic VHD BAT entry %d points at offset %d (sector 0x%08X), %s",
                        where, i, start, start / 512, problem));
            }
            starts[n++] = start;
        }
        long[] sorted = Arrays.copyOf(starts, n);
        Arrays.sort(sorted);
        for (int i = 1; i < n; i++) {
            if (sorted[i] < sorted[i - 1] + blockBytes) {
                throw new CorruptImageException(where + "dynamic VHD blocks at offsets " + sorted[i - 1] + " and " + sorted[i]
                        + " overlap (block plus bitmap is " + blockBytes + " bytes)");
            }
        }
        long next = footerOffset;
        for (long s : sorted) {
            if (s >= tableEnd) {
                next = Math.min(next, s);
                break;
            }
        }
        if (headerOffset >= tableEnd) {
            next = Math.min(next, headerOffset);
        }
        return next - tableOffset;
    }

    private static boolean overlaps(long aStart, long aEnd, long bStart, long bEnd) {
        return aStart < bEnd && bStart < aEnd;
    }
}
