package dev.trustlift.disk.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.disk.container.RawImage;
import dev.trustlift.disk.layout.LayoutSpec.PartitionSpec;
import dev.trustlift.disk.partition.GptType;
import dev.trustlift.disk.partition.gpt.GptEntry;
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
