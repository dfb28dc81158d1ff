package dev.trustlift.cli.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.cli.testing.RawMbr;
import dev.trustlift.cli.testing.RawMbr.Record;
import dev.trustlift.cli.testing.SparseImage;
import dev.trustlift.cli.testing.ToolRun;
import dev.trustlift.cli.testing.VhdFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged and hostile images: each gets one clear line on stderr (no exception names, no stack
 * frames), a non-zero exit from validate and convert, and stays byte-identical.
 */
class RobustnessTest {
    private static final int DISK = 4 * 1024 * 1024;

    @TempDir
    Path work;

    static Stream<Arguments> damagedImages() {
        return Stream.of(
                damaged("truncated to 1000 bytes", dir -> Arrays.copyOf(twoPartitions(), 1000)),
                damaged("partition past the end of a truncated disk", dir -> disk(RawMbr.sector(List.of(
                        new Record(true, 0x07, 2048, 16384))))),
                damaged("random bytes", dir -> random(DISK, 7)),
                damaged("random bytes with a boot signature", dir -> {
                    byte[] b = random(DISK, 8);
                    b[510] = 0x55;
                    b[511] = (byte) 0xAA;
                    return b;
                }),
                damaged("overlapping partitions", dir -> disk(RawMbr.sector(List.of(
                        new Record(true, 0x07, 2048, 4096), new Record(false, 0x07, 4096, 2048))))),
                damaged("an EBR chain that loops to itself", dir -> ebrLoop(false)),
                damaged("an EBR chain that loops back to its start", dir -> ebrLoop(true)),
                damaged("a GPT with a corrupt header CRC in both headers", dir -> gpt(dir, 512 + 16, -512 + 16)),
                damaged("a GPT with a corrupt entry array", dir -> gpt(dir, 1024 + 40, -33 * 512 + 40)),
                damaged("a fixed VHD with a wrong footer checksum", dir -> vhd(dir, "fixed", -512 + 64)),
                damaged("a fixed VHD cut short by 300 bytes", dir -> {
                    byte[] b = vhd(dir, "fixed", -1);
                    return Arrays.copyOf(b, b.length - 300);
                }),
                damaged("a dynamic VHD with a wrong header checksum", dir -> vhd(dir, "dynamic", 512 + 36)),
                damaged("a dynamic VHD without its block table", dir -> Arrays.copyOf(vhd(dir, "dynamic", -1), 1536)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedImages")
    void damagedImageGetsOneClearLineAndStaysUnchanged(String what, Function<Path, byte[]> make) throws IOException {
        Path image = work.resolve("damaged.img");
        SparseImage expected = SparseImage.of(make.apply(work)).write(image);

        CliRun inspect = CliRun.of("disk", "inspect", image.toString());
        assertTrue(inspect.exitCode() == 0 || inspect.exitCode() == 2, inspect.describe());
        assertTrue(inspect.errIsCleanForPeople(), inspect.describe());
        for (String[] args : List.of(new String[] {"disk", "validate", image.toString(), "--os", "windows"},
                new String[] {"disk", "convert", image.toString(), "--os", "windows", "--grow", "64"},
                new String[] {"disk", "convert", image.toString(), "--os", "linux", "--grow", "64"})) {
            CliRun run = CliRun.of(args);
            assertNotEquals(0, run.exitCode(), what + ": " + run.describe());
            assertTrue(run.exitCode() == 2 || run.exitCode() == 3, what + ": " + run.describe());
            assertTrue(run.errIsCleanForPeople(), what + ": " + run.describe());
            if (args[1].equals("convert")) {
                assertEquals(1, run.err().strip().lines().count(), what + ": one line on stderr: " + run.describe());
            }
        }
        assertNull(expected.differenceFrom(image), what + ": the file changed");
    }

    private static Arguments damaged(String what, Function<Path, byte[]> make) {
        return Arguments.of(what, make);
    }

    private static byte[] disk(byte[] lba0) {
        byte[] b = new byte[DISK];
        System.arraycopy(lba0, 0, b, 0, RawMbr.SECTOR);
        return b;
    }

    private static byte[] twoPartitions() {
        return disk(RawMbr.sector(List.of(new Record(true, 0x07, 2048, 2048), new Record(false, 0x07, 4096, 2048))));
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** p1 extended at 2048; its EBR's link points at itself, or at a second EBR that points back. */
    private static byte[] ebrLoop(boolean viaSecondEbr) {
        byte[] b = disk(RawMbr.sector(List.of(new Record(true, 0x05, 2048, 4096))));
        long next = viaSecondEbr ? 1024 : 0;
        put(b, 2048, RawMbr.sector(List.of(new Record(false, 0x83, 63, 100), new Record(false, 0x05, next, 512))));
        if (viaSecondEbr) {
            put(b, 2048 + 1024, RawMbr.sector(List.of(new Record(false, 0x83, 63, 100), new Record(false, 0x05, 0, 512))));
        }
        return b;
    }

    /** A GPT disk made by sgdisk with one byte flipped at each offset (negative: from the end). */
    private static byte[] gpt(Path dir, long... flips) {
        Path img = dir.resolve("gpt.src");
        ToolRun.ok("truncate", "-s", String.valueOf(DISK), img.toString());
        ToolRun.ok("sgdisk", "-o", "-n", "0:2048:+1M", "-t", "0:0700", img.toString());
        return flipped(img, flips);
    }

    /** The two-partition MBR disk in a VHD made by qemu-img, with bytes flipped (-1: none). */
    private static byte[] vhd(Path dir, String subformat, long... flips) {
        Path raw = dir.resolve("vhd.raw");
        Path vhd = dir.resolve("src.vhd");
        SparseImage.of(twoPartitions()).write(raw);
        VhdFile.fromRaw(raw, vhd, subformat);
        return flipped(vhd, Arrays.stream(flips).filter(f -> f != -1).toArray());
    }

    private static byte[] flipped(Path file, long... offsets) {
        try {
            byte[] b = Files.readAllBytes(file);
            for (long at : offsets) {
                int i = (int) (at < 0 ? b.length + at : at);
                b[i] ^= 0x5A;
            }
            return b;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void put(byte[] disk, long lba, byte[] sector) {
        System.arraycopy(sector, 0, disk, (int) (lba * RawMbr.SECTOR), RawMbr.SECTOR);
    }
}
