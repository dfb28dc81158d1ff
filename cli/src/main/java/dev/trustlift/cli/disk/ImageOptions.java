package dev.trustlift.cli.disk;

import dev.trustlift.disk.container.DiskImage;
import dev.trustlift.disk.container.DiskImages;
import dev.trustlift.disk.io.CorruptImageException;
import dev.trustlift.disk.partition.gpt.GptHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The IMAGE argument and --sector-size, shared by inspect, validate and convert. */
final class ImageOptions {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Disk image: raw, fixed VHD or dynamic VHD.")
    Path image;

    @Option(names = "--sector-size", paramLabel = "512|4096",
            description = "Logical sector size. Default: 4096 when a GPT header sits at byte 4096, else 512.")
    Integer sectorSize;

    /** Opens the image; read-only unless {@code writable}. Opening never writes. */
    DiskImage open(boolean writable) throws IOException {
        if (!Files.exists(image)) {
            throw new NoSuchFileException(image.toString());
        }
        if (Files.isDirectory(image)) {
            throw new CorruptImageException(image + " is a directory, not a disk image");
        }
        if (sectorSize != null && sectorSize != 512 && sectorSize != 4096) {
            throw new CorruptImageException("--sector-size must be 512 or 4096, not " + sectorSize);
        }
        int size = sectorSize != null ? sectorSize : detectSectorSize();
        return DiskImages.open(image, writable, size);
    }

    /** A 4Kn GPT disk has its header at byte 4096 (LBA 1 of 4096-byte sectors) and none at byte 512. */
    private int detectSectorSize() throws IOException {
        try (DiskImage probe = DiskImages.open(image, false, 512)) {
            if (probe.size() < 2 * 4096 || probe.size() % 4096 != 0) {
                return 512;
            }
            ByteBuffer at512 = ByteBuffer.allocate(512);
            probe.read(512, at512);
            ByteBuffer at4096 = ByteBuffer.allocate(512);
            probe.read(4096, at4096);
            return !GptHeader.hasSignature(at512.flip()) && GptHeader.hasSignature(at4096.flip()) ? 4096 : 512;
        }
    }
}
