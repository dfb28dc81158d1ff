package dev.trustlift.cli.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.testing.ConversionProof;
import dev.trustlift.cli.testing.ImageConverter;
import dev.trustlift.cli.testing.ToolRun;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The real proof: a BIOS-bootable MBR disk boots under SeaBIOS and finds nothing to boot under
 * OVMF; trustlift converts it, the signed boot chain goes into the ESP trustlift made, and the
 * same disk boots under OVMF with Secure Boot and a software TPM 2.0. The shell side is
 * bootlab.sh (test resources); this class drives it and judges the serial console's markers.
 * Runs beside the other suites: it is mostly single-threaded qemu time.
 */
@Tag("firmware")
@Execution(ExecutionMode.CONCURRENT)
class FirmwareBootTest {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern BOOT_LINE = Pattern.compile("bootlab: (\\S+) seconds=([0-9.]+)");

    @TempDir
    Path work;

    @Test
    void convertedDiskBootsUnderUefiWithSecureBootAndTpm() throws Exception {
        long t0 = System.nanoTime();
        ToolRun bios = lab("payload", "initrd", "mbr", "boot-bios", "no-boot-sb");
        assertBooted(bios, "bios", "BOOT-OK-BIOS", "firmware=BIOS SecureBoot=n/a TPM=none");
        // The control: before conversion the same UEFI firmware finds nothing to boot on the disk.
        assertTrue(bios.out().contains("no-boot-sb") && bios.out().contains("verdict=nothing-to-boot"), bios.out());

        Path image = work.resolve("disk.img");
        ConversionProof.Baseline before = ConversionProof.Baseline.of(image);
        long c0 = System.nanoTime();
        ImageConverter.Outcome converted = ImageConverter.selected().convert(image, "linux", 0);
        long convertMillis = (System.nanoTime() - c0) / 1_000_000;
        assertEquals(0, converted.exitCode(), converted.describe());
        ConversionProof.verify(before, image, Files.createDirectories(work.resolve("checks")));

        ToolRun uefi = lab("esp", "boot-sb-tpm");
        // Debian's kernel turns on lockdown=integrity only when it was verified under Secure Boot.
        assertBooted(uefi, "uefi-sb-tpm", "BOOT-OK-UEFI", "firmware=UEFI SecureBoot=1 TPM=2.0 lockdown=[none [integrity]");
        System.out.printf("firmware proof: MBR leg %.1f s (SeaBIOS boot %s s, OVMF control %s s), conversion %d ms,"
                + " UEFI leg %.1f s (%s s in qemu), total %.1f s%n",
                bios.elapsed().toMillis() / 1000.0, qemuSeconds(bios, "bios"), qemuSeconds(bios, "no-boot-sb"), convertMillis,
                uefi.elapsed().toMillis() / 1000.0, qemuSeconds(uefi, "uefi-sb-tpm"), (System.nanoTime() - t0) / 1e9);
    }

    private ToolRun lab(String... steps) throws URISyntaxException {
        Path script = Path.of(getClass().getResource("/bootlab/bootlab.sh").toURI());
        String[] command = new String[steps.length + 3];
        command[0] = "bash";
        command[1] = script.toString();
        command[2] = work.toString();
        System.arraycopy(steps, 0, command, 3, steps.length);
        return ToolRun.of(STEP_TIMEOUT, Map.of("BOOTLAB_CACHE", cacheDir().toString()), command).requireSuccess();
    }

    /** Debian's signed packages are kept between runs: /var/cache when writable (CI runs as root), else target/. */
    private static Path cacheDir() {
        String configured = System.getenv("BOOTLAB_CACHE");
        if (configured != null) {
            return Path.of(configured);
        }
        Path system = Path.of("/var/cache/trustlift-bootlab");
        if (Files.isWritable(system) || Files.isWritable(system.getParent())) {
            return system;
        }
        return Path.of("target", "bootlab-cache").toAbsolutePath();
    }

    private static void assertBooted(ToolRun run, String boot, String marker, String facts) {
        String said = run.out();
        assertTrue(said.contains("bootlab: " + boot + " ") && said.contains("marker=" + marker), boot + " did not reach " + marker + ":\n" + said + run.err());
        assertTrue(said.contains("BOOTLAB-FACTS " + facts), boot + " reported other facts than '" + facts + "':\n" + said);
    }

    private static String qemuSeconds(ToolRun run, String boot) {
        Matcher m = BOOT_LINE.matcher(run.out());
        while (m.find()) {
            if (m.group(1).equals(boot)) {
                return m.group(2);
            }
        }
        return "?";
    }
}
