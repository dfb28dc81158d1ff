package dev.trustlift.cli.disk;

import static dev.trustlift.cli.disk.ImageFiles.extract;
import static dev.trustlift.cli.disk.ImageFiles.implant;
import static dev.trustlift.cli.disk.ImageFiles.sparse;
import static dev.trustlift.cli.testing.ByteRanges.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.cli.testing.ToolRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images partitioned by sfdisk, converted by trustlift, checked by sgdisk -v, sfdisk -J, blkid
 * and fsck: the real tools are the judges.
 */
class DiskConvertToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    private Path image(String name, long bytes, String sfdiskScript) throws Exception {
        Path img = sparse(dir.resolve(name), bytes);
        ToolRun.fed(sfdiskScript, "sfdisk", "-q", "--no-reread", "--no-tell-kernel", img.toString());
        return img;
    }

    /** [start, size, type] of every partition as sfdisk -J sees them. */
    private static List<List<String>> sfdiskPartitions(Path img) throws Exception {
        JsonNode table = JSON.readTree(ToolRun.ok("sfdisk", "-J", img.toString()).out()).get("partitiontable");
        List<List<String>> parts = new ArrayList<>();
        for (JsonNode p : table.get("partitions")) {
            parts.add(List.of(p.get("node").asText().replace(img.toString(), ""), p.get("start").asText(),
                    p.get("size").asText(), p.get("type").asText()));
        }
        return parts;
    }

    /** number -> "start end code" from sgdisk -p. */
    private static Map<String, String> sgdiskRows(Path img) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\S+ \\S+\\s+(\\w{4})")
                .matcher(ToolRun.ok("sgdisk", "-p", img.toString()).out());
        while (m.find()) {
            rows.put(m.group(1), m.group(2) + " " + m.group(3) + " " + m.group(4));
        }
        return rows;
    }

    private static void assertSgdiskClean(Path img) throws Exception {
        String verify = ToolRun.ok("sgdisk", "-v", img.toString()).out();
        assertTrue(verify.contains("No problems found."), verify);
    }

    /** The ESP by sgdisk's listing: extract it, then blkid and fsck.vfat judge it. */
    private void assertEspFormatted(Path img, String label) throws Exception {
        JsonNode parts = JSON.readTree(ToolRun.ok("sfdisk", "-J", img.toString()).out()).get("partitiontable").get("partitions");
        JsonNode esp = null;
        for (JsonNode p : parts) {
            if (p.get("type").asText().equals("C12A7328-F81F-11D2-BA4B-00A0C93EC93B")) {
                esp = p;
            }
        }
        assertTrue(esp != null, "no ESP in " + parts);
        Path espImg = extract(img, esp.get("start").asLong(), esp.get("size").asLong(), dir.resolve("esp.img"));
        String blkid = ToolRun.ok("blkid", "-p", "-o", "export", espImg.toString()).out();
        assertTrue(blkid.contains("TYPE=vfat") && blkid.contains("LABEL=" + label), blkid);
        assertTrue(blkid.contains("VERSION=FAT32"), blkid);
        ToolRun.ok("fsck.vfat", "-n", espImg.toString());
    }

    @Test
    void windowsLayoutWithFreeSpaceConvertsInPlace() throws Exception {
        Path img = image("win.img", 512 * MIB, "label: dos\nstart=2048, size=204800, type=7, bootable\n"
                + "start=206848, size=409600, type=7\n");
        List<List<String>> before = sfdiskPartitions(img);
        CliRun r = CliRun.of("disk", "convert", img.toString(), "--os", "windows");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertSgdiskClean(img);
        List<List<String>> after = sfdiskPartitions(img);
        assertEquals(3, after.size(), after.toString());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).subList(0, 3), after.get(i).subList(0, 3), "partition moved");
            assertEquals("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", after.get(i).get(3));
        }
        assertEquals(List.of("3", "616448", "204800", "C12A7328-F81F-11D2-BA4B-00A0C93EC93B"), after.get(2));
        assertEspFormatted(img, "SYSTEM");
        String pmbr = ToolRun.ok("sgdisk", "-O", img.toString()).out();
        assertTrue(pmbr.contains("0xEE"), pmbr);
    }

    @Test
    void windowsLayoutToTheLastMibConvertsAfterGrowing() throws Exception {
        long sectors = 256 * MIB / 512;
        Path img = image("grow.img", 256 * MIB, "label: dos\nstart=2048, size=102400, type=7, bootable\n"
                + "start=104448, size=" + (sectors - 2048 - 104448) + ", type=7\n");
        List<List<String>> before = sfdiskPartitions(img);
        String hash = sha256(img);
        CliRun refused = CliRun.of("disk", "convert", img.toString(), "--os", "windows");
        assertEquals(3, refused.exitCode(), refused.out());
        assertTrue(refused.out().contains("--grow 100"), refused.out());
        assertEquals(hash, sha256(img), "a refused conversion writes nothing");

        CliRun r = CliRun.of("disk", "convert", img.toString(), "--os", "windows", "--grow", "100");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("... growing the disk"), r.out());
        assertEquals((256 + 100) * MIB, Files.size(img));
        assertSgdiskClean(img);
        List<List<String>> after = sfdiskPartitions(img);
        assertEquals(before.get(0).subList(0, 3), after.get(0).subList(0, 3));
        assertEquals(before.get(1).subList(0, 3), after.get(1).subList(0, 3));
        assertEspFormatted(img, "SYSTEM");
    }

    @Test
    void fourPrimariesAreRefusedAndTheImageStaysByteIdentical() throws Exception {
        Path img = image("four.img", 256 * MIB, "label: dos\nstart=2048, size=102400, type=7, bootable\n"
                + "size=40960, type=7\nsize=40960, type=27\nsize=40960, type=7\n");
        String hash = sha256(img);
        long mtime = Files.getLastModifiedTime(img).toMillis();
        CliRun v = CliRun.of("disk", "validate", img.toString(), "--os", "windows", "--json");
        assertEquals(3, v.exitCode());
        JsonNode report = JSON.readTree(v.out());
        assertEquals(false, report.get("passed").asBoolean());
        CliRun r = CliRun.of("disk", "convert", img.toString(), "--os", "windows");
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL  primary-count"), r.out());
        assertTrue(r.out().contains("Refused: nothing was written."), r.out());
        assertEquals(hash, sha256(img));
        assertEquals(mtime, Files.getLastModifiedTime(img).toMillis());
    }

    @Test
    void logicalPartitionsAreRefusedForWindowsAndConvertedForLinux() throws Exception {
        Path img = image("ext.img", 256 * MIB, "label: dos\nstart=2048, size=102400, type=83, bootable\n"
                + "start=104448, size=204800, type=5\nstart=106496, size=102400, type=83\n"
                + "start=210944, size=98304, type=82\n");
        List<List<String>> before = sfdiskPartitions(img);
        String hash = sha256(img);
        CliRun w = CliRun.of("disk", "convert", img.toString(), "--os", "windows");
        assertEquals(3, w.exitCode());
        assertTrue(w.out().contains("FAIL  no-extended"), w.out());
        assertEquals(hash, sha256(img));

        Path byGdisk = dir.resolve("gdisk.img");
        ToolRun.ok("cp", "--sparse=always", img.toString(), byGdisk.toString());
        ToolRun.ok("sgdisk", "-g", byGdisk.toString());
        CliRun r = CliRun.of("disk", "convert", img.toString(), "--os", "linux");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertSgdiskClean(img);
        Map<String, String> ours = sgdiskRows(img);
        Map<String, String> theirs = sgdiskRows(byGdisk);
        assertEquals(List.of("1", "5", "6"), List.copyOf(theirs.keySet()));
        theirs.forEach((number, row) -> assertEquals(row, ours.get(number),
                "partition " + number + " as sgdisk -g converts it"));
        String print = ToolRun.ok("sgdisk", "-p", img.toString()).out();
        assertTrue(print.matches("(?s).*\\n\\s+5\\s+106496\\s+208895\\s.*8300.*"), print);
        assertTrue(print.matches("(?s).*\\n\\s+6\\s+210944\\s+309247\\s.*8200.*"), print);
        assertTrue(print.matches("(?s).*\\n\\s+3\\s+34\\s+2047\\s.*EF02.*"), print);
        List<List<String>> after = sfdiskPartitions(img);
        assertEquals(before.get(0).subList(1, 3), after.get(0).subList(1, 3));
        assertEquals(before.get(2).subList(1, 3), after.stream().filter(p -> p.get(0).equals("5")).findFirst()
                .orElseThrow().subList(1, 3));
        assertEspFormatted(img, "UEFI");
    }

    @Test
    void linuxExt4AndSwapFrom2048KeepTheirFileSystems() throws Exception {
        Path img = image("linux.img", 768 * MIB, "label: dos\nstart=2048, size=409600, type=83, bootable\n"
                + "start=411648, size=131072, type=82\n");
        Path ext4 = sparse(dir.resolve("root.ext4"), 409600L * 512);
        ToolRun.ok("mkfs.ext4", "-q", "-F", "-L", "root", "-U", "0b5d1c3e-7a1f-4b52-9d6e-2f0c8a4e6b71", ext4.toString());
        implant(ext4, img, 2048);
        Path swap = sparse(dir.resolve("swap"), 131072L * 512);
        ToolRun.ok("mkswap", "-L", "swap", swap.toString());
        implant(swap, img, 411648);
        String rootBefore = sha256(extract(img, 2048, 409600, dir.resolve("root.before")));

        CliRun r = CliRun.of("disk", "convert", img.toString(), "--os", "linux", "--esp-mib", "64");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("grub-install --target=i386-pc"), r.out());
        assertSgdiskClean(img);
        Path root = extract(img, 2048, 409600, dir.resolve("root.after"));
        assertEquals(rootBefore, sha256(root), "the root file system's bytes are untouched");
        ToolRun.ok("e2fsck", "-n", "-f", root.toString());
        String blkid = ToolRun.ok("blkid", "-p", "-o", "export", extract(img, 411648, 131072, dir.resolve("sw"))
                .toString()).out();
        assertTrue(blkid.contains("TYPE=swap") && blkid.contains("LABEL=swap"), blkid);
        String print = ToolRun.ok("sgdisk", "-p", img.toString()).out();
        assertTrue(print.matches("(?s).*\\n\\s+1\\s+2048\\s+411647\\s.*8300.*"), print);
        assertTrue(print.matches("(?s).*\\n\\s+2\\s+411648\\s+542719\\s.*8200.*"), print);
        assertTrue(print.matches("(?s).*\\n\\s+3\\s+542720\\s+673791\\s.*EF00.*"), print);
        assertTrue(print.matches("(?s).*\\n\\s+4\\s+34\\s+2047\\s.*EF02.*"), print);
        assertEspFormatted(img, "UEFI");
    }

    @Test
    void linuxFromLba63PutsTheBiosBootPartitionInFreeSpace() throws Exception {
        Path img = image("dos63.img", 512 * MIB, "label: dos\nstart=63, size=614400, type=83, bootable\n");
        CliRun r = CliRun.of("disk", "convert", img.toString(), "--os", "linux");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertSgdiskClean(img);
        // partition 1 ends at 614462; the ESP and then the BIOS boot partition start on the next 1 MiB boundaries
        String print = ToolRun.ok("sgdisk", "-p", img.toString()).out();
        assertTrue(print.matches("(?s).*\\n\\s+1\\s+63\\s+614462\\s.*8300.*"), print);
        assertTrue(print.matches("(?s).*\\n\\s+2\\s+616448\\s+821247\\s.*EF00.*"), print);
        assertTrue(print.matches("(?s).*\\n\\s+3\\s+821248\\s+823295\\s.*EF02.*"), print);
        assertEspFormatted(img, "UEFI");
    }
    @Test
    void aDynamicVhdSampleConvertsAndQemuReadsACleanGpt() throws Exception {
        Path vhd = dir.resolve("os.vhd");
        assertEquals(0, CliRun.of("disk", "sample", "windows-azure-default", vhd.toString(), "--size-gib", "2")
                .exitCode());
        CliRun r = CliRun.of("disk", "convert", vhd.toString(), "--os", "windows", "--grow", "100");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        Path raw = dir.resolve("os.raw");
        ToolRun.ok("qemu-img", "convert", "-f", "vpc", "-O", "raw", vhd.toString(), raw.toString());
        assertEquals((2048 + 100) * MIB, Files.size(raw));
        assertSgdiskClean(raw);
        assertEspFormatted(raw, "SYSTEM");
    }
}
