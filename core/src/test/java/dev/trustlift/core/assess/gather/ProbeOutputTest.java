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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeOutputTest {
    @TempDir
    Path tmp;

    @Test
    void windowsOutputOfFourPartitionsWithBitLockerSuspended() {
        String out = String.join("\r\n", "TL_PROBE=1", "style=mbr", "sectorSize=512", "sectors=266338304",
                "part=1,07,2048,1024000,active", "part=2,07,1026048,250000000,os", "part=3,27,251026048,1024000,",
                "part=4,07,252050048,14286208,", "freeMb=900", "unmovableTailMb=850", "bitlocker=suspended", "");
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
    void linuxOutputFromRealSfdiskOnAnMbrDiskWithLogicalPartition() throws Exception {
        Path img = disk("label: dos\nstart=2048, size=20480, type=83, bootable\nstart=22528, type=5\nstart=24576, size=10240, type=82\n");
        String out = "TL_PROBE=1\nsectorSize=512\nsectors=" + (32L * 2048) + "\n" + sfdiskDumpPrefixed(img)
                + "rootPart=1\nfreeMb=5000\nespInFstab=false\nfstabPartuuid=true\n";
        GuestFacts g = ProbeOutput.parse(out);
        DiskLayout layout = g.layout();
        assertEquals(DiskLayout.Style.MBR, layout.style());
        assertEquals(List.of("83", "05", "82"), layout.partitions().stream().map(PartitionSummary::type).toList());
        assertTrue(layout.partitions().get(0).active() && layout.partitions().get(0).os());
        assertTrue(layout.partitions().get(1).extendedContainer());
        assertTrue(layout.partitions().get(2).logical());
        assertEquals(24576L, layout.partitions().get(2).startLba());
        assertEquals(true, g.fstabUsesPartuuid());
        assertEquals(BitLockerState.UNKNOWN, g.bitLocker());
    }

    @Test
    void linuxOutputFromRealSfdiskOnAzureStyleGpt() throws Exception {
        Path img = disk("label: gpt\nstart=2048, size=8192, type=21686148-6449-6E6F-744E-656564454649\n"
                + "start=10240, size=20480, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B\nstart=30720, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4\n");
        String out = "TL_PROBE=1\nsectorSize=512\nsectors=" + (32L * 2048) + "\n" + sfdiskDumpPrefixed(img)
                + "rootPart=3\nespPart=2\nfreeMb=5000\nespInFstab=true\nfstabPartuuid=false\n";
        GuestFacts g = ProbeOutput.parse(out);
        assertEquals(DiskLayout.Style.GPT, g.layout().style());
        PartitionSummary esp = g.layout().esp().orElseThrow();
        assertEquals(2, esp.number());
        assertEquals("/boot/efi", esp.mountPoint());
        assertEquals(3, g.layout().osPartition().orElseThrow().number());
        assertEquals(true, g.espInFstab());
    }

    @Test
    void outputWithoutMarkerIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeOutput.parse("hello\n")).getMessage()
                .contains("no TL_PROBE=1"));
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

    private static String sfdiskDumpPrefixed(Path img) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sfdisk", "--dump", img.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out.lines().map(l -> "sfdisk: " + l).collect(Collectors.joining("\n")) + "\n";
    }
}
