package dev.trustlift.disk.container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dynamic (sparse) VHD: footer copy, "cxsparse" header, BAT, then blocks of sector bitmap +
 * data, and the footer at the end. Blocks are allocated on first write where the trailing footer
 * was. Every write touches only the bytes that change (data, bitmap bytes, one BAT entry, the
 * footer when the file grows), which the benchmark counts. Calls are serialised: the BAT and
 * the bitmap cache are shared state.
 */
public final class DynamicVhd implements DiskImage {
    private static final int BITMAP_CACHE_BLOCKS = 1024;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final ImageFile file;
    private final int sectorSize;
    private VhdFooter footer;
    private DynamicHeader header;
    private final BlockAllocationTable bat;
    private long footerOffset;
    private long tableRoom;
    private final Map<Integer, SectorBitmap> bitmaps = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, SectorBitmap> eldest) {
            return size() > BITMAP_CACHE_BLOCKS;
        }
    };

    private DynamicVhd(ImageFile file, int sectorSize, DynamicVhdLayout layout) {
        this.file = file;
        this.sectorSize = sectorSize;
        this.footer = layout.footer();
        this.header = layout.header();
        this.bat = layout.bat();
        this.footerOffset = layout.footerOffset();
        this.tableRoom = layout.tableRoom();
    }

    /** Opens a dynamic VHD whose trailing footer (at {@code footerOffset}) was already verified. */
    static DynamicVhd open(ImageFile file, VhdFooter footer, long footerOffset, int sectorSize) throws IOException {
        ImageSizes.requireSectorMultiple(file.path(), footer.currentSize(), sectorSize);
        return new DynamicVhd(file, sectorSize, DynamicVhdLayout.read(file, footer, footerOffset));
    }

    /** Creates a new dynamic VHD of {@code size} bytes with 2 MiB blocks; nothing is allocated. */
    public static DynamicVhd create(Path path, long size, int sectorSize) throws IOException {
        ImageSizes.requireNewSize(size, sectorSize, DynamicVhdLayout.MAX_SIZE);
        long blockSize = DynamicHeader.DEFAULT_BLOCK_SIZE;
        long entries = (size + blockSize - 1) / blockSize;
        long tableOffset = DynamicHeader.FILE_OFFSET + DynamicHeader.SIZE;
        long footerOffset = tableOffset + BlockAllocationTable.paddedSize(entries);
        VhdFooter footer = VhdFooter.create(VhdDiskType.DYNAMIC, size, Instant.now());
        DynamicHeader header = DynamicHeader.create(tableOffset, entries, blockSize);
        try (ImageFile f = ImageFile.create(path)) {
            f.writeFully(0, footer.toBuffer());
            f.writeFully(DynamicHeader.FILE_OFFSET, header.toBuffer());
            f.writeFully(tableOffset, BlockAllocationTable.empty((int) entries).toPaddedBuffer());
            f.writeFully(footerOffset, footer.toBuffer());
            f.force();
        }
        return (DynamicVhd) DiskImages.open(path, true, sectorSize);
    }

    @Override public ImageFormat format() { return ImageFormat.VHD_DYNAMIC; }
    @Override public int sectorSize() { return sectorSize; }
    @Override public long size() { return footer.currentSize(); }
    @Override public boolean isWritable() { return file.isWritable(); }
    @Override public void flush() throws IOException { file.force(); }
    @Override public void close() throws IOException { file.close(); }

    /** Bytes written to the file since it was opened, container metadata included. */
    public long fileBytesWritten() { return file.bytesWritten(); }

    public VhdFooter footer() { return footer; }
    public DynamicHeader header() { return header; }

    /** Number of blocks that have space in the file. */
    public synchronized int allocatedBlocks() {
        int n = 0;
        for (int i = 0; i < bat.size(); i++) {
            if (bat.isAllocated(i)) n++;
        }
        return n;
    }

    @Override
    public synchronized void read(long pos, ByteBuffer dst) throws IOException {
        ImageSizes.requireRange(pos, dst.remaining(), size(), "read");
        long blockSize = header.blockSize();
        while (dst.hasRemaining()) {
            int block = (int) (pos / blockSize);
            long within = pos % blockSize;
            int n = (int) Math.min(dst.remaining(), blockSize - within);
            ByteBuffer part = dst.slice().limit(n);
            if (!bat.isAllocated(block)) {
                zero(part);
            } else {
                readAllocated(block, within, part);
            }
            dst.position(dst.position() + n);
            pos += n;
        }
    }

    /** Reads from an allocated block, sector run by sector run: a clear bitmap bit reads as zeros. */
    private void readAllocated(int block, long within, ByteBuffer part) throws IOException {
        SectorBitmap bitmap = bitmap(block);
        long dataOffset = bat.bitmapOffset(block) + header.bitmapSize();
        while (part.hasRemaining()) {
            long sector = within / 512;
            long lastSector = (within + part.remaining() - 1) / 512;
            long run = bitmap.runLength(sector, lastSector - sector + 1);
            int n = (int) Math.min(part.remaining(), (sector + run) * 512 - within);
            ByteBuffer piece = part.slice().limit(n);
            if (bitmap.isSet(sector)) {
                file.readFully(dataOffset + within, piece);
            } else {
                zero(piece);
            }
            part.position(part.position() + n);
            within += n;
        }
    }

    @Override
    public synchronized void write(long pos, ByteBuffer src) throws IOException {
        file.requireWritable();
        ImageSizes.requireRange(pos, src.remaining(), size(), "write");
        if (pos % 512 == 0 && src.remaining() % 512 == 0) {
            writeAligned(pos, src);
            return;
        }
        // The bitmap tracks whole 512-byte sectors: widen to them, keeping what the edges hold now.
        long start = pos / 512 * 512;
        long end = (pos + src.remaining() + 511) / 512 * 512;
        ByteBuffer whole = ByteBuffer.allocate((int) (end - start));
        read(start, whole.slice(0, 512));
        read(end - 512, whole.slice(whole.capacity() - 512, 512));
        whole.put((int) (pos - start), src.duplicate(), src.position(), src.remaining());
        src.position(src.limit());
        writeAligned(start, whole);
    }

    private void writeAligned(long pos, ByteBuffer src) throws IOException {
        long blockSize = header.blockSize();
        while (src.hasRemaining()) {
            int block = (int) (pos / blockSize);
            long within = pos % blockSize;
            int n = (int) Math.min(src.remaining(), blockSize - within);
            ByteBuffer part = src.slice().limit(n);
            if (bat.isAllocated(block)) {
                writeAllocated(block, within, part);
            } else if (!isZero(part)) {
                allocate(block, within, part);
            }
            src.position(src.position() + n);
            pos += n;
        }
    }

    private void writeAllocated(int block, long within, ByteBuffer part) throws IOException {
        long bitmapOffset = bat.bitmapOffset(block);
        int n = part.remaining();
        file.writeFully(bitmapOffset + header.bitmapSize() + within, part);
        SectorBitmap bitmap = bitmap(block);
        int[] changed = bitmap.set(within / 512, n / 512);
        if (changed != null) {
            file.writeFully(bitmapOffset + changed[0], ByteBuffer.wrap(bitmap.bytes(), changed[0], changed[1] - changed[0]));
        }
    }

    /**
     * Puts a new block where the trailing footer is. The new footer goes first, so a crash at
     * any point leaves a valid image (at worst with an unreferenced block).
     */
    private void allocate(int block, long within, ByteBuffer part) throws IOException {
        long bitmapOffset = footerOffset;
        if (bitmapOffset / 512 > 0xFFFFFFFFL) {
            throw new IOException(file.path() + ": dynamic VHD is full: a new block at offset " + bitmapOffset
                    + " cannot be addressed by the BAT's 32-bit sector numbers");
        }
        long newFooterOffset = bitmapOffset + header.bitmapSize() + header.blockSize();
        file.writeFully(newFooterOffset, footer.toBuffer());
        SectorBitmap bitmap = SectorBitmap.empty((int) header.bitmapSize());
        bitmap.set(within / 512, part.remaining() / 512);
        file.writeFully(bitmapOffset, ByteBuffer.wrap(bitmap.bytes()));
        file.writeFully(bitmapOffset + header.bitmapSize() + within, part);
        bat.set(block, bitmapOffset);
        file.writeFully(header.tableOffset() + (long) block * BlockAllocationTable.ENTRY_SIZE, bat.toBuffer(block, block + 1));
        footerOffset = newFooterOffset;
        bitmaps.put(block, bitmap);
    }

    @Override
    public synchronized void grow(long newSize) throws IOException {
        file.requireWritable();
        ImageSizes.requireGrowth(file.path(), size(), newSize, sectorSize, DynamicVhdLayout.MAX_SIZE);
        if (newSize == size()) {
            return;
        }
        clearBeyondEnd(size());
        long entries = (newSize + header.blockSize() - 1) / header.blockSize();
        VhdFooter grown = footer.resized(newSize);
        boolean trailingWritten = false;
        if (entries > bat.size()) {
            int old = bat.size();
            bat.extendTo((int) entries);
            if (entries * BlockAllocationTable.ENTRY_SIZE <= tableRoom) {
                file.writeFully(header.tableOffset() + (long) old * BlockAllocationTable.ENTRY_SIZE, bat.toBuffer(old, (int) entries));
                header = header.withTable(header.tableOffset(), entries);
            } else {
                // No room behind the table: move it to the end of the file, where the footer is.
                long tableOffset = footerOffset;
                ByteBuffer table = bat.toPaddedBuffer();
                long newFooterOffset = tableOffset + table.remaining();
                file.writeFully(newFooterOffset, grown.toBuffer());
                trailingWritten = true;
                file.writeFully(tableOffset, table);
                footerOffset = newFooterOffset;
                tableRoom = table.capacity();
                header = header.withTable(tableOffset, entries);
            }
            file.writeFully(footer.dataOffset(), header.toBuffer());
        }
        footer = grown;
        if (!trailingWritten) {
            file.writeFully(footerOffset, footer.toBuffer());
        }
        file.writeFully(0, footer.toBuffer());
    }

    /**
     * Growing exposes the rest of the last block, which must read as zeros. qemu marks whole
     * blocks as written, so clearing bitmap bits is not enough: zero any data found there.
     */
    private void clearBeyondEnd(long oldSize) throws IOException {
        long blockSize = header.blockSize();
        int block = (int) (oldSize / blockSize);
        long within = oldSize % blockSize;
        if (within == 0 || !bat.isAllocated(block)) {
            return;
        }
        long dataOffset = bat.bitmapOffset(block) + header.bitmapSize();
        for (long at = within; at < blockSize; at += ZEROS.length) {
            int n = (int) Math.min(ZEROS.length, blockSize - at);
            ByteBuffer tail = file.read(dataOffset + at, n);
            if (!isZero(tail)) {
                file.writeFully(dataOffset + at, ByteBuffer.wrap(ZEROS, 0, n));
            }
        }
    }

    private SectorBitmap bitmap(int block) throws IOException {
        SectorBitmap cached = bitmaps.get(block);
        if (cached != null) {
            return cached;
        }
        ByteBuffer buf = file.read(bat.bitmapOffset(block), (int) header.bitmapSize());
        SectorBitmap bitmap = new SectorBitmap(buf.array());
        bitmaps.put(block, bitmap);
        return bitmap;
    }

    private static void zero(ByteBuffer b) {
        while (b.hasRemaining()) {
            b.put(ZEROS, 0, Math.min(ZEROS.length, b.remaining()));
        }
    }

    private static boolean isZero(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "dynamic VHD " + file.path() + " (" + size() + " bytes, " + header.blockSize() + "-byte blocks)";
    }
}
