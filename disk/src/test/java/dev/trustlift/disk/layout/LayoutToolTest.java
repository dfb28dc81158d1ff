package dev.trustlift.disk.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.container.RawImage;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.Guid;
import dev.trustlift.disk.partition.gpt.GptEntry;
import dev.trustlift.disk.partition.gpt.GptGeometry;
import dev.trustlift.disk.partition.gpt.GptPartitionTable;
import dev.trustlift.disk.partition.mbr.MbrDisk;
import dev.trustlift.disk.partition.mbr.MbrPartitionEntry;
import dev.trustlift.disk.partition.mbr.ProtectiveMbr;
import dev.trustlift.disk.scan.DiskClass;
import dev.trustlift.disk.scan.DiskClassifier;
import dev.trustlift.disk.scan.DiskScan;
import dev.trustlift.disk.testing.SparseFile;
import dev.trustlift.disk.testing.Tool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The presets as sfdisk and sgdisk read them, and sgdisk's own GPTs as we read them. */
class LayoutToolTest {
    private static final long SIZE = 4L << 30;
    private static final Pattern SFDISK_LINE = Pattern.compile("start=\\s*(\\d+), size=\\s*(\\d+), type=(\\w+)(, bootable)?");

    @TempDir
    Path dir;

    private Path write(String preset) throws IOException {
        Path file = SparseFile.create(dir.resolve(preset + ".img"), SIZE);
        try (RawImage img = RawImage.open(file, true, 512)) {
            LayoutWriter.write(img, LayoutPresets.named(preset, 512, SIZE), new Random(1));
        }
        return file;
    }

    @Test
    void sfdiskReadsTheMbrPresetsAsWritten() throws IOException {
        for (String preset : List.of("windows-azure-default", "windows-4-partitions", "windows-extended",
                "linux-mbr-custom")) {
            Path file = write(preset);
            String dump = Tool.run("sfdisk", "--dump", file.toString()).assertOk().stdout();
            List<String> got = new ArrayList<>();
            Matcher m = SFDISK_LINE.matcher(dump);
            while (m.find()) {
                got.add(m.group(1) + "+" + m.group(2) + ":" + Integer.parseInt(m.group(3), 16)
                        + (m.group(4) != null ? "*" : ""));
            }
            List<String> want = new ArrayList<>();
            for (PartitionSpec p : LayoutPresets.named(preset, 512, SIZE).partitions()) {
                want.add(p.start() + "+" + p.sectors() + ":" + Integer.parseInt(p.type(), 16) + (p.active() ? "*" : ""));
            }
            assertEquals(want, got, preset + "\n" + dump);
        }
    }

    @Test
    void sgdiskVerifiesTheGptPresetAndSeesUbuntusNumbering() throws IOException {
        Path file = write("linux-azure-gpt");
        assertTrue(Tool.run("sgdisk", "-v", file.toString()).assertOk().stdout().contains("No problems found"));
        String print = Tool.run("sgdisk", "-p", file.toString()).assertOk().stdout();
        assertTrue(Pattern.compile("(?m)^\\s+14\\s+2048\\s+10239\\s+4\\.0 MiB\\s+EF02").matcher(print).find(), print);
        assertTrue(Pattern.compile("(?m)^\\s+15\\s+10240\\s+227327\\s+106\\.0 MiB\\s+EF00").matcher(print).find(), print);
        assertTrue(Pattern.compile("(?m)^\\s+1\\s+227328\\s+8388574\\s+").matcher(print).find(), print);
    }

    @Test
    void ourProtectiveMbrEntryIsByteForByteWhatSgdiskWrites() throws IOException {
        for (long size : new long[] {64L << 20, 10L << 30, 3L << 40}) {
            Path file = SparseFile.create(dir.resolve("pmbr.img"), size);
            Tool.run("sgdisk", "-o", file.toString()).assertOk();
            try (RawImage img = RawImage.open(file, false, 512)) {
                MbrPartitionEntry theirs = MbrDisk.readSectorZero(img).entries().get(0);
                MbrPartitionEntry ours = ProtectiveMbr.forDisk(size / 512, new byte[440]).entries().get(0);
                assertEquals(theirs, ours, "disk of " + size + " bytes");
            }
        }
    }

    @Test
    void ourGptIsByteForByteWhatSgdiskWritesForTheSameGuids() throws IOException {
        Path file = SparseFile.create(dir.resolve("same.img"), SIZE);
        Guid disk = Guid.of("0B5D1C3E-7A1F-4B52-9D6E-2F0C8A4E6B71");
        Guid esp = Guid.of("6A0F3C51-22B4-4C8E-9F3A-7D1E5B2C4A90");
        Guid root = Guid.of("F3E2D1C0-B4A5-4968-8776-655443322110");
        Tool.run("sgdisk", "-o", "-U", disk.toString(), "-n", "1:2048:206847", "-t", "1:EF00", "-u", "1:" + esp,
                "-c", "1:EFI system partition", "-n", "3:206848:0", "-t", "3:8300", "-u", "3:" + root,
                "-c", "3:Linux filesystem", file.toString()).assertOk();
        long n = SIZE / 512;
        GptGeometry geometry = new GptGeometry(512, n);
        GptPartitionTable ours = GptPartitionTable.create(geometry, disk, List.of(
                new GptEntry(GptType.EFI_SYSTEM.guid(), esp, 2048, 206847, 0, "EFI system partition"),
                GptEntry.UNUSED,
                new GptEntry(GptType.LINUX_FILESYSTEM.guid(), root, 206848, geometry.lastUsable(), 0,
                        "Linux filesystem")));
        try (RawImage img = RawImage.open(file, false, 512)) {
            assertEquals(ours.primary().toSector(512), img.readSectors(1, 1), "primary header");
            assertEquals(ours.arrayBytes(), img.readSectors(2, 32), "primary array");
            assertEquals(ours.backup().toSector(512), img.readSectors(n - 1, 1), "backup header");
            assertEquals(ours.arrayBytes(), img.readSectors(n - 33, 32), "backup array");
        }
    }

    @Test
    void weReadWhatSgdiskWrites() throws IOException {
        Path file = SparseFile.create(dir.resolve("sgdisk.img"), SIZE);
        Tool.run("sgdisk", "-o", "-n", "1:2048:+100M", "-t", "1:EF00", "-n", "2:0:+1G", "-t", "2:0700",
                "-n", "5:0:0", "-t", "5:8300", "-c", "5:root", file.toString()).assertOk();
        try (RawImage img = RawImage.open(file, false, 512)) {
            DiskScan scan = DiskClassifier.classify(img);
            assertEquals(DiskClass.GPT, scan.diskClass(), scan.summary());
            List<GptEntry> e = scan.gptTable().entries();
            assertEquals(GptType.EFI_SYSTEM.guid(), e.get(0).type());
            assertEquals(2048, e.get(0).firstLba());
            assertEquals(2048 + 204800 - 1, e.get(0).lastLba());
            assertEquals(GptType.BASIC_DATA.guid(), e.get(1).type());
            assertEquals("root", e.get(4).name());
            assertEquals(SIZE / 512 - 34, e.get(4).lastLba());
            String guid = Tool.run("sgdisk", "-i", "5", file.toString()).assertOk().stdout();
            assertTrue(guid.contains("unique GUID: " + e.get(4).unique()), guid);
        }
    }
}
