package dev.trustlift.core.assess.gather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.assess.BitLockerState;
import dev.trustlift.core.assess.DiskLayout;
import dev.trustlift.core.assess.GuestFacts;
import dev.trustlift.core.assess.PartitionSummary;
import dev.trustlift.core.cloud.OsType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeOutputTest {
    @TempDir
    Path tmp;

    @Test
    void windowsOutputOfFourPartitionsWithBitLockerSuspended() {
        String out = String.join("\r\n", "os=Microsoft Windows Server 2019 Datacenter", "version=10.0.17763", "firmware=bios",
                "pttype=mbr", "sector_size=512", "disk_sectors=266338304", "partition=1,2048,1024000,07,active",
                "partition=2,1026048,250000000,07,-", "partition=3,251026048,1024000,27,-", "partition=4,252050048,14286208,07,-",
                "os_partition=2", "bitlocker=suspended", "c_free_mb=900", "c_shrinkable_mb=50", "");
        GuestFacts g = ProbeOutput.parse(out);
        assertEquals(BitLockerState.SUSPENDED, g.bitLocker());
        assertEquals(900L, g.freeMb());
        assertEquals(850L, g.unmovableTailMb());
        DiskLayout layout = g.layout();
        assertEquals(DiskLayout.Style.MBR, layout.style());
        assertEquals(266338304L, layout.totalSectors());
        assertEquals(List.of(1, 2, 3, 4), layout.partitions().stream().map(PartitionSummary::number).toList());
        assertTrue(layout.partitions().get(0).active());
        assertEquals(2, layout.osPartition().orElseThrow().number());
        assertTrue(layout.partitions().get(2).windowsRecovery());
        assertNull(g.espInFstab());
    }

    @Test
    void windowsOutputWithoutOsPartitionTakesTheLargestNtfsAndReadsLogicalFlags() {
        // as the sandbox's simulated guest answers: no os_partition line
        String out = String.join("\n", "pttype=mbr", "sector_size=512", "disk_sectors=266338304",
                "partition=1,2048,1024000,07,active", "partition=2,1026048,265310208,05,-",
                "partition=5,1028096,265308160,07,logical", "bitlocker=off", "c_free_mb=20000", "c_shrinkable_mb=19000",
                "unallocated_tail_mb=1", "winre=enabled");
        DiskLayout layout = ProbeOutput.parse(out).layout();
        assertEquals(5, layout.osPartition().orElseThrow().number());
        assertTrue(layout.partitions().get(1).extendedContainer());
        assertTrue(layout.partitions().get(2).logical());
    }

    @Test
    void linuxOutputFromRealSfdiskThroughTheProbesAwk() throws Exception {
        Path img = disk("label: dos\nstart=2048, size=20480, type=83, bootable\nstart=22528, type=5\nstart=24576, size=10240, type=82\n");
        String out = "firmware=bios\npttype=dos\ndisk=/dev/sda\nsector_size=512\ndisk_sectors=" + (32L * 2048) + "\n"
                + probeAwk(img) + "root=/dev/sda1\nesp=absent\nfstab_root=PARTUUID=5f3b2a91-01\nfstab_efi=absent\nroot_free_mb=5000\n";
        GuestFacts g = ProbeOutput.parse(out);
        DiskLayout layout = g.layout();
        assertEquals(DiskLayout.Style.MBR, layout.style());
        assertEquals(List.of("83", "05", "82"), layout.partitions().stream().map(PartitionSummary::type).toList());
        assertTrue(layout.partitions().get(0).active() && layout.partitions().get(0).os());
        assertTrue(layout.partitions().get(1).extendedContainer());
        assertTrue(layout.partitions().get(2).logical());
        assertEquals(24576L, layout.partitions().get(2).startLba());
        assertEquals(10240L, layout.partitions().get(2).sectors());
        assertEquals(true, g.fstabUsesPartuuid());
        assertEquals(false, g.espInFstab());
        assertEquals(5000L, g.freeMb());
        assertEquals(BitLockerState.UNKNOWN, g.bitLocker());
    }

    @Test
    void linuxOutputFromRealSfdiskOnAzureStyleGpt() throws Exception {
        Path img = disk("label: gpt\nstart=2048, size=8192, type=21686148-6449-6E6F-744E-656564454649\n"
                + "start=10240, size=20480, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B\nstart=30720, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n");
        String out = "pttype=gpt\nsector_size=512\ndisk_sectors=" + (32L * 2048) + "\n" + probeAwk(img)
                + "root=/dev/sda3\nesp=/dev/sda2\nfstab_root=UUID=7f0e\nfstab_efi=present\nroot_free_mb=5000\n";
        GuestFacts g = ProbeOutput.parse(out);
        assertEquals(DiskLayout.Style.GPT, g.layout().style());
        PartitionSummary esp = g.layout().esp().orElseThrow();
        assertEquals(2, esp.number());
        assertEquals("/boot/efi", esp.mountPoint());
        assertEquals(3, g.layout().osPartition().orElseThrow().number());
        assertEquals(true, g.espInFstab());
        assertEquals(false, g.fstabUsesPartuuid());
    }

    @Test
    void sandboxStyleGdiskCodesAreUnderstood() {
        String out = "pttype=gpt\ndisk=/dev/sda\ndisk_sectors=62914560\nsector_size=512\npartition=14,2048,8192,ef02,-\n"
                + "partition=15,10240,217088,ef00,-\npartition=1,227328,62687198,8300,-\nroot=/dev/sda1\nfstab_efi=present\n"
                + "esp=/dev/sda15\nroot_free_mb=20000\n";
        DiskLayout layout = ProbeOutput.parse(out).layout();
        assertEquals(15, layout.esp().orElseThrow().number());
        assertEquals(1, layout.osPartition().orElseThrow().number());
    }

    @Test
    void outputThatIsNotAProbesIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeOutput.parse("hello\n")).getMessage()
                .contains("did not answer the probe"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeOutput.parse("pttype=gpt\npartition=1,2\n"))
                .getMessage().contains("has 2 fields"));
    }

    @Test
    void linuxScriptIsValidShell() throws Exception {
        Path script = tmp.resolve("probe.sh");
        Files.writeString(script, String.join("\n", GuestProbe.script(OsType.LINUX).wrappedLines()) + "\n");
        Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String err = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
    }

    private Path disk(String layout) throws IOException, InterruptedException {
        Path img = tmp.resolve("disk" + System.nanoTime() + ".img");
        try (var f = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            f.setLength(32L * 1024 * 1024);
        }
        Process p = new ProcessBuilder("sfdisk", "-q", img.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(layout.getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return img;
    }

    /** The probe's own partition lines: real sfdisk --dump piped through the awk program the script sends. */
    private static String probeAwk(Path img) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "sfdisk --dump \"$1\" | awk \"$2\"", "probe", img.toString(),
                GuestProbe.SFDISK_AWK).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(out.startsWith("partition="), out);
        return out;
    }
}
