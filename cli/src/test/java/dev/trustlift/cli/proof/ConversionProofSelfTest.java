package dev.trustlift.cli.proof;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.ConversionProof;
import dev.trustlift.cli.testing.PartitionTable;
import dev.trustlift.cli.testing.SampleDisk;
import dev.trustlift.cli.testing.ToolRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge is judged: a conversion by GPT fdisk (the reference) passes ConversionProof, and each
 * kind of damage a converter could do makes it fail with the problem named.
 */
class ConversionProofSelfTest {
    @TempDir
    Path work;
    private Path image;
    private ConversionProof.Baseline before;

    @BeforeEach
    void convertLinuxDisk() {
        convertWithSgdisk(SampleDisk.linux(2048));
    }

    private void convertWithSgdisk(SampleDisk disk) {
        image = disk.build(work);
        before = ConversionProof.Baseline.of(image);
        ToolRun.ok("sgdisk", "--mbrtogpt", image.toString());
        ToolRun.ok("sgdisk", "-n", "0:-100M:0", "-t", "0:ef00", image.toString());
        formatEsp("-s", "1");
    }

    private void formatEsp(String... options) {
        PartitionTable.Entry esp = PartitionTable.read(image).esp().orElseThrow();
        List<String> mkfs = new ArrayList<>(List.of("mkfs.vfat", "-F", "32", "--offset", String.valueOf(esp.start())));
        mkfs.addAll(List.of(options));
        mkfs.addAll(List.of(image.toString(), String.valueOf(esp.bytes() / 1024)));
        ToolRun.ok(mkfs.toArray(String[]::new));
    }

    @Test
    void acceptsTheReferenceConversion() {
        ConversionProof.verify(before, image, work);
    }

    @Test
    void noticesOneChangedByteInsideAPartition() throws IOException {
        PartitionTable.Entry swap = PartitionTable.read(image).entries().get(1);
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x42}), swap.offset() + swap.bytes() - 1);
        }
        assertFailsWith("partition 2 bytes changed");
    }

    @Test
    void noticesAMovedPartition() {
        ToolRun.ok("sgdisk", "-d", "2", "-n", "2:" + (160 * 2048 + 2048) + ":+64M", image.toString());
        assertFailsWith("partition 2 (start 327680");
    }

    @Test
    void noticesAWrongPartitionType() {
        ToolRun.ok("sgdisk", "-t", "2:8300", image.toString());
        assertFailsWith("partition 2 of MBR type 82 became GPT type 0FC63DAF");
    }

    @Test
    void noticesAnUnformattedEsp() throws IOException {
        PartitionTable.Entry esp = PartitionTable.read(image).esp().orElseThrow();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(512), esp.offset());
        }
        assertFailsWith("not vfat");
    }

    @Test
    void noticesAFat32WithTooFewClustersForUefi() {
        formatEsp("-s", "8");
        assertFailsWith("mtools cannot make a directory on the ESP");
    }

    @Test
    void noticesARecoveryPartitionWithoutMbr2gptAttributes() {
        // gdisk maps 0x27 to the WinRE type but, unlike MBR2GPT, sets no attributes.
        convertWithSgdisk(SampleDisk.mbr("recovery", 256)
                .part(2048, 64 * 2048, "7", true, SampleDisk.Content.NONE, "")
                .part(66 * 2048, 64 * 2048, "27", false, SampleDisk.Content.NONE, ""));
        assertFailsWith("recovery partition 2 has attributes ''");
    }

    @Test
    void noticesABrokenBackupHeader() throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0x13}), ch.size() - 512 + 24);
        }
        assertFailsWith("sgdisk -v");
    }

    private void assertFailsWith(String problem) {
        AssertionError e = assertThrows(AssertionError.class, () -> ConversionProof.verify(before, image, work));
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in:\n" + e.getMessage());
    }
}
