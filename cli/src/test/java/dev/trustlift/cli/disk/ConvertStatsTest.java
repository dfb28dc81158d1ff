package dev.trustlift.cli.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.cli.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hidden `convert --stats` that bench/disk-convert.sh reads: metadata-sized counts. */
class ConvertStatsTest {
    private static final Pattern STATS = Pattern.compile(
            "stats: in-process ([0-9.]+) ms, engine read (\\d+) bytes in (\\d+) calls, wrote (\\d+) bytes in (\\d+) calls");
    private static final long TWO_MIB = 2L * 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void statsCountOnlyMetadataIo() {
        Path image = work.resolve("disk.img");
        ToolRun.ok("truncate", "-s", "64M", image.toString());
        ToolRun.shell("printf 'label: dos\\nstart=2048, size=32768, type=7, bootable\\n' | sfdisk -q \"$1\"", image.toString());

        CliRun run = CliRun.of("disk", "convert", image.toString(), "--os", "windows", "--esp-mib", "33", "--stats");

        assertEquals(0, run.exitCode(), run.describe());
        Matcher m = STATS.matcher(run.out());
        assertTrue(m.find(), run.describe());
        long read = Long.parseLong(m.group(2));
        long written = Long.parseLong(m.group(4));
        // Two GPTs (2 x 33 sectors) and LBA 0 at least; a 33 MiB FAT32 needs two FATs of ~264 KiB.
        assertTrue(written >= 67 * 512 && written < TWO_MIB, "written " + written);
        assertTrue(read >= 512 && read < TWO_MIB, "read " + read);
        assertTrue(ToolRun.of("sgdisk", "-v", image.toString()).out().contains("No problems found"));
    }

    @Test
    void theCountedImageStillGrows() throws Exception {
        Path image = work.resolve("full.img");
        ToolRun.ok("truncate", "-s", "8M", image.toString());
        ToolRun.shell("printf 'label: dos\nstart=2048, type=83, bootable\n' | sfdisk -q \"$1\"", image.toString());

        CliRun run = CliRun.of("disk", "convert", image.toString(), "--os", "linux", "--grow", "40", "--esp-mib", "33",
                "--stats");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(STATS.matcher(run.out()).find(), run.describe());
        assertEquals(48L * 1024 * 1024, Files.size(image));
        assertTrue(ToolRun.of("sgdisk", "-v", image.toString()).out().contains("No problems found"));
    }

    @Test
    void noStatsWithoutTheFlag() {
        Path image = work.resolve("disk.img");
        ToolRun.ok("truncate", "-s", "64M", image.toString());
        ToolRun.shell("printf 'label: dos\\nstart=2048, size=32768, type=7, bootable\\n' | sfdisk -q \"$1\"", image.toString());

        CliRun run = CliRun.of("disk", "convert", image.toString(), "--os", "windows", "--esp-mib", "33", "--dry-run");

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(!run.out().contains("stats:"), run.describe());
    }
}
