package dev.trustlift.disk.fs.fat32;

import static org.junit.jupiter.api.Assertions.*;

import dev.trustlift.disk.container.DiskImages;
import dev.trustlift.disk.container.DynamicVhd;
import dev.trustlift.disk.container.ImageFormat;
import dev.trustlift.disk.container.RawImage;
import dev.trustlift.disk.io.CountingBlockDevice;
import dev.trustlift.disk.io.SliceBlockDevice;
import dev.trustlift.disk.testing.RequiredTools;
import dev.trustlift.disk.testing.SparseFile;
import dev.trustlift.disk.testing.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Formats volumes inside sparse images and lets dosfstools, blkid and mtools judge the result. */
class Fat32FormatterToolTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} MiB at {1}-byte sectors, offset {2} MiB")
    @CsvSource({"64, 512, 1", "100, 512, 1", "260, 4096, 1"})
    void realToolsAcceptTheVolume(long volumeMiB, int sectorSize, long offsetMiB) throws IOException {
        RequiredTools.require("fsck.vfat", "mcopy", "blkid");
        long offset = offsetMiB * MIB;
        long volumeBytes = volumeMiB * MIB;
        Path image = SparseFile.create(dir.resolve("disk.img"), offset + volumeBytes + MIB);

        Fat32BootSector boot;
        long written;
        try (RawImage disk = RawImage.open(image, true, sectorSize)) {
            CountingBlockDevice counted = new CountingBlockDevice(new SliceBlockDevice(disk, offset, volumeBytes));
            boot = Fat32Formatter.format(counted, "ESP Test", 0x1234ABCD, offset / sectorSize,
                    LocalDateTime.of(2026, 11, 29, 1, 2, 4));
            written = counted.bytesWritten();
        }
        long metadata = (boot.firstDataSector() + boot.sectorsPerCluster()) * sectorSize;
        assertEquals(metadata, written, "only reserved area, FATs and root cluster are written");
        assertTrue(boot.clusterCount() >= Fat32Geometry.MIN_CLUSTERS);

        Path volume = SparseFile.extract(image, offset, volumeBytes, dir.resolve("volume.img"));
        Tool.Result fsck = Tool.run("fsck.vfat", "-n", "-V", volume.toString());
        assertEquals(0, fsck.exitCode(), fsck::describe);
        assertFalse(fsck.output().contains("Dirty"), fsck::describe);
        assertFalse(fsck.output().contains("differ"), fsck::describe);
        assertTrue(fsck.output().contains("1 files") || fsck.output().contains("0 files"), fsck::describe);

        Tool.Result blkid = Tool.run("blkid", "-p", "-O", Long.toString(offset), "-o", "export", image.toString());
        assertEquals(0, blkid.exitCode(), blkid::describe);
        assertTrue(blkid.stdout().contains("TYPE=vfat"), blkid::describe);
        assertTrue(blkid.stdout().contains("LABEL=ESP\\ TEST"), blkid::describe);
        assertTrue(blkid.stdout().contains("UUID=1234-ABCD"), blkid::describe);
        assertTrue(blkid.stdout().contains("VERSION=FAT32"), blkid::describe);

        String mimage = image + "@@" + offset;
        Map<String, String> env = Map.of("MTOOLS_SKIP_CHECK", "0", "HOME", dir.toString());
        Path payload = dir.resolve("payload.efi");
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7 + i / 1000);
        Files.write(payload, data);
        Tool.run(env, 60, "mmd", "-i", mimage, "::/EFI").assertOk();
        Tool.run(env, 60, "mcopy", "-i", mimage, payload.toString(), "::/EFI/BOOTX64.EFI").assertOk();
        String note = "written by mtools onto a trustlift FAT32\n";
        Path notePath = Files.writeString(dir.resolve("note.txt"), note, StandardCharsets.US_ASCII);
        Tool.run(env, 60, "mcopy", "-i", mimage, notePath.toString(), "::/NOTE.TXT").assertOk();
        Path back = dir.resolve("back.efi");
        Tool.run(env, 60, "mcopy", "-i", mimage, "::/EFI/BOOTX64.EFI", back.toString()).assertOk();
        assertArrayEquals(data, Files.readAllBytes(back));
        Tool.Result mdir = Tool.run(env, 60, "mdir", "-i", mimage, "::/EFI").assertOk();
        assertTrue(mdir.stdout().contains("BOOTX64  EFI"), mdir::describe);
        Tool.Result label = Tool.run(env, 60, "mlabel", "-s", "-i", mimage, "::").assertOk();
        assertTrue(label.stdout().contains("ESP TEST"), label::describe);

        // After mtools wrote through our FATs the volume must still be clean.
        SparseFile.extract(image, offset, volumeBytes, volume);
        Tool.Result again = Tool.run("fsck.vfat", "-n", "-V", volume.toString());
        assertEquals(0, again.exitCode(), again::describe);
        assertFalse(again.output().contains("differ"), again::describe);
        Tool.Result type = Tool.run(env, 60, "mtype", "-i", volume.toString(), "::/NOTE.TXT");
        assertEquals(0, type.exitCode(), type::describe);
        assertEquals(note, type.stdout());
    }

    @org.junit.jupiter.api.Test
    void formattedInsideADynamicVhdTouchesOnlyMetadataBlocks() throws IOException {
        RequiredTools.require("fsck.vfat", "qemu-img");
        Path vhd = dir.resolve("disk.vhd");
        long offset = MIB;
        long volumeBytes = 100 * MIB;
        try (DynamicVhd disk = (DynamicVhd) DiskImages.create(vhd, ImageFormat.VHD_DYNAMIC, 128 * MIB, 512)) {
            Fat32Formatter.format(new SliceBlockDevice(disk, offset, volumeBytes), "EFI", 0x0BADF00D, offset / 512);
            // 1 MiB + reserved + two 788 KiB FATs + root cluster ends before 4 MiB: blocks 0 and 1 only.
            assertEquals(2, disk.allocatedBlocks());
        }
        Path raw = dir.resolve("disk.raw");
        Tool.run("qemu-img", "convert", "-f", "vpc", "-O", "raw", vhd.toString(), raw.toString()).assertOk();
        Path volume = SparseFile.extract(raw, offset, volumeBytes, dir.resolve("volume.img"));
        Tool.Result fsck = Tool.run("fsck.vfat", "-n", "-V", volume.toString());
        assertEquals(0, fsck.exitCode(), fsck::describe);
        assertFalse(fsck.output().contains("differ"), fsck::describe);
    }

    @ParameterizedTest(name = "smallest FAT32 at {0}-byte sectors")
    @org.junit.jupiter.params.provider.ValueSource(ints = {512, 4096})
    void smallestVolumeIsStillFat32ToFsck(int sectorSize) throws IOException {
        RequiredTools.require("fsck.vfat");
        long bytes = Fat32Geometry.minimumSectors(sectorSize) * sectorSize;
        Path image = SparseFile.create(dir.resolve("min.img"), bytes);
        Fat32BootSector boot;
        try (RawImage disk = RawImage.open(image, true, sectorSize)) {
            boot = Fat32Formatter.format(disk, "MIN", 1);
        }
        assertEquals(Fat32Geometry.MIN_CLUSTERS, boot.clusterCount());
        Tool.Result fsck = Tool.run("fsck.vfat", "-n", "-v", image.toString());
        assertEquals(0, fsck.exitCode(), fsck::describe);
        assertFalse(fsck.output().contains("Warning"), fsck::describe);
        assertTrue(fsck.output().contains(Fat32Geometry.MIN_CLUSTERS + " data clusters"), fsck::describe);
        assertTrue(fsck.output().contains("32 bit entries"), fsck::describe);
    }
}
