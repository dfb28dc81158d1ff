package dev.trustlift.disk.container;

import dev.trustlift.disk.io.CorruptImageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Opens an image file with the container format its bytes show, or creates a new one. Opening never writes. */
public final class DiskImages {
    private DiskImages() {
    }

    /**
     * Opens {@code path}, detecting raw / fixed VHD / dynamic VHD from the file's own bytes: a
     * VHD ends with a "conectix" footer. Damaged containers (bad checksum, truncated) raise
     * CorruptImageException with one line; differencing VHDs are refused.
     */
    public static DiskImage open(Path path, boolean writable, int sectorSize) throws IOException {
        ImageSizes.requireSectorSize(sectorSize);
        ImageFile file = ImageFile.open(path, writable);
        try {
            return open(file, sectorSize);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static DiskImage open(ImageFile file, int sectorSize) throws IOException {
        long length = file.size();
        if (length < VhdFooter.SIZE) {
            return RawImage.open(file, sectorSize);
        }
        long footerOffset = length - VhdFooter.SIZE;
        ByteBuffer tail = file.read(footerOffset, VhdFooter.SIZE);
        if (!VhdFooter.hasCookie(tail)) {
            ByteBuffer head = file.read(0, VhdFooter.SIZE);
            if (VhdFooter.hasCookie(head)) {
                throw damagedTrailingFooter(file, head, tail, footerOffset);
            }
            return RawImage.open(file, sectorSize);
        }
        VhdFooter footer = parse(file, tail, footerOffset);
        return switch (footer.diskType()) {
            case FIXED -> FixedVhd.open(file, footer, footerOffset, sectorSize);
            case DYNAMIC -> DynamicVhd.open(file, footer, footerOffset, sectorSize);
            case DIFFERENCING -> throw new CorruptImageException(file.path() + ": differencing VHDs (disk type 4) are not"
                    + " supported; merge it into its parent first (e.g. qemu-img convert -O vpc -o subformat=fixed)");
        };
    }

    private static VhdFooter parse(ImageFile file, ByteBuffer buf, long offset) throws CorruptImageException {
        try {
            return VhdFooter.parse(buf, offset);
        } catch (CorruptImageException e) {
            throw new CorruptImageException(file.path() + ": " + e.getMessage());
        }
    }

    /**
     * A dynamic VHD keeps a footer copy at offset 0. When only that copy is intact, the file's
     * end is damaged or missing (a truncated download, a half-written block): refuse, naming it.
     */
    private static CorruptImageException damagedTrailingFooter(ImageFile file, ByteBuffer head, ByteBuffer tail,
                                                               long footerOffset) throws CorruptImageException {
        VhdFooter copy = parse(file, head, 0);
        String found = VhdFooter.printable(new String(tail.array(), 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1));
        return new CorruptImageException(file.path() + ": the VHD footer copy at offset 0 is valid (" + copy.diskType()
                .name().toLowerCase() + ", " + copy.currentSize() + " bytes) but the footer at the end of the file (offset "
                + footerOffset + ") is missing or damaged (cookie \"" + found + "\"); the file is probably truncated or"
                + " was not fully written; fetch or copy it again");
    }

    /**
     * Creates a new image of {@code size} bytes that reads as zeros: a sparse raw file, a fixed
     * VHD (sparse data + footer) or a dynamic VHD with no blocks allocated. Never overwrites an
     * existing file. VHD sizes must be whole MiB (Azure's rule).
     */
    public static DiskImage create(Path path, ImageFormat format, long size, int sectorSize) throws IOException {
        return switch (format) {
            case RAW -> RawImage.create(path, size, sectorSize);
            case VHD_FIXED -> FixedVhd.create(path, size, sectorSize);
            case VHD_DYNAMIC -> DynamicVhd.create(path, size, sectorSize);
        };
    }
}
