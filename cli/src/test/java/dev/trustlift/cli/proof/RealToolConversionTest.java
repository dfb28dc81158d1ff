package dev.trustlift.cli.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.ByteRanges;
import dev.trustlift.cli.testing.ConversionProof;
import dev.trustlift.cli.testing.ImageConverter;
import dev.trustlift.cli.testing.SampleDisk;
import dev.trustlift.cli.testing.ToolRun;
import dev.trustlift.cli.testing.VhdFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Disks made by sfdisk, mkntfs, mkfs.ext4, mkswap and qemu-img are converted by trustlift and
 * then judged by sgdisk, sfdisk, blkid, fsck.vfat and qemu-img alone.
 */
class RealToolConversionTest {
    private static final long GROW_MIB = 256;

    @TempDir
    static Path disks;
    private static final Map<String, Path> BUILT = new HashMap<>();
    private static final Map<String, ConversionProof.Baseline> BASELINES = new HashMap<>();

    @TempDir
    Path work;

    static Stream<Arguments> conversions() {
        return Stream.of(
                conversion("windows", () -> SampleDisk.windows(1024, 0), "raw", GROW_MIB),
                conversion("windows", () -> SampleDisk.windows(1024, 0), "fixed", GROW_MIB),
                conversion("windows", () -> SampleDisk.windows(1024, 0), "dynamic", GROW_MIB),
                conversion("windows", () -> SampleDisk.windows(1024, 300), "raw", 0),
                conversion("windows", SampleDisk::windowsWithRecovery, "raw", GROW_MIB),
                conversion("linux", () -> SampleDisk.linux(2048), "raw", 0),
                conversion("linux", () -> SampleDisk.linux(2048), "fixed", 0),
                conversion("linux", () -> SampleDisk.linux(2048), "dynamic", 0),
                conversion("linux", () -> SampleDisk.linux(63), "raw", 0),
                conversion("linux", SampleDisk::extended, "raw", 0),
                conversion("linux", SampleDisk::fourPrimaries, "raw", 0));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("windows", SampleDisk::fourPrimaries, "raw", GROW_MIB, "primary"),
                refusal("windows", SampleDisk::extended, "raw", GROW_MIB, "extended"),
                refusal("windows", SampleDisk::extended, "fixed", GROW_MIB, "extended"),
                refusal("windows", () -> SampleDisk.windows(1024, 0), "dynamic", 0, "efi system partition"));
    }

    private static Arguments refusal(String os, Supplier<SampleDisk> disk, String container, long growMib, String reason) {
        return Arguments.of(os, disk, container, growMib, reason);
    }

    private static Arguments conversion(String os, Supplier<SampleDisk> disk, String container, long growMib) {
        return Arguments.of(os, disk, container, growMib);
    }

    @ParameterizedTest(name = "{index}: --os {0}, {2}, grow {3} MiB")
    @MethodSource("conversions")
    void convertedDiskPassesEveryIndependentCheck(String os, Supplier<SampleDisk> disk, String container, long growMib)
            throws IOException {
        SampleDisk sample = disk.get();
        Path raw = copyOf(sample);
        ConversionProof.Baseline before = BASELINES.computeIfAbsent(sample.name(), n -> ConversionProof.Baseline.of(raw));
        Path target = container.equals("raw") ? raw : work.resolve(sample.name() + ".vhd");
        if (!container.equals("raw")) {
            VhdFile.fromRaw(raw, target, container);
        }
        long virtualBefore = VhdFile.info(target).virtualSize();

        ImageConverter.Outcome outcome = ImageConverter.selected().convert(target, os, growMib);

        assertEquals(0, outcome.exitCode(), outcome.describe());
        VhdFile.Info after = VhdFile.info(target);
        assertEquals(container.equals("raw") ? "raw" : "vpc", after.format(), "qemu-img's idea of the container");
        assertEquals(virtualBefore + growMib * SampleDisk.MIB, after.virtualSize(), "virtual size after --grow " + growMib);
        Path convertedRaw = target;
        if (!container.equals("raw")) {
            assertEquals(container, VhdFile.subformat(after), "VHD subformat kept");
            VhdFile.check(target);
            convertedRaw = work.resolve("converted.raw");
            VhdFile.toRaw(target, convertedRaw);
        }
        ConversionProof.verify(before, convertedRaw, work);
    }

    @ParameterizedTest(name = "{index}: --os {0} refuses ({2}, grow {3} MiB): {4}")
    @MethodSource("refusals")
    void refusedDiskStaysByteIdentical(String os, Supplier<SampleDisk> disk, String container, long growMib, String reason) {
        SampleDisk sample = disk.get();
        Path target = copyOf(sample);
        if (!container.equals("raw")) {
            Path vhd = work.resolve(sample.name() + ".vhd");
            VhdFile.fromRaw(target, vhd, container);
            target = vhd;
        }
        String hashBefore = ByteRanges.sha256(target);
        long sizeBefore = target.toFile().length();

        ImageConverter.Outcome outcome = ImageConverter.trustlift().convert(target, os, growMib);

        assertEquals(3, outcome.exitCode(), outcome.describe());
        assertTrue(outcome.out().contains("Refused") && outcome.out().toLowerCase().contains(reason),
                "the refusal names the " + reason + ": " + outcome.describe());
        assertEquals(sizeBefore, target.toFile().length(), "file size after a refusal");
        assertEquals(hashBefore, ByteRanges.sha256(target), "file bytes after a refusal");
    }

    /** Builds each sample once per class, then hands every test its own sparse copy. */
    private Path copyOf(SampleDisk sample) {
        Path built;
        synchronized (BUILT) {
            built = BUILT.computeIfAbsent(sample.name(), n -> sample.build(disks));
        }
        Path copy = work.resolve(built.getFileName());
        ToolRun.ok("cp", "--sparse=always", built.toString(), copy.toString());
        assertTrue(Files.exists(copy));
        return copy;
    }
}
