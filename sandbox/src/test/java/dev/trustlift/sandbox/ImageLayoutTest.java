package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** osDisk.layout {"image": path}: a real image partitioned by sfdisk is what the simulated guest sees. */
class ImageLayoutTest {
    @TempDir
    Path dir;

    private Path image(String name, String script) throws Exception {
        return image(name, script, 64);
    }

    private Path image(String name, String script, long mib) throws Exception {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(mib * 1024 * 1024);
        }
        Process p = new ProcessBuilder("sfdisk", "--no-reread", "--no-tell-kernel", file.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return file;
    }

    private SandboxServer serve(String imageName) throws IOException {
        String text = Fleets.text("rules.json").replace("\"layout\": \"windows-azure-default\"},\n     \"backup\"",
                "\"layout\": {\"image\": \"" + imageName + "\"}},\n     \"backup\"");
        return SandboxServer.start(Fleet.parse(text, "rules.json"), dir, 0, SandboxServer.DEFAULT_PAGE_SIZE);
    }

    private static String validate(ArmClient arm) {
        ArmClient.Answer a = arm.send("POST", vm("rg-app", "web01") + "/runCommand?" + API,
                "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"MBR2GPT /validate /allowFullOS\","
                        + ArmClient.PS_EXIT_ECHO + "]}");
        arm.await(a.header("Azure-AsyncOperation"));
        return arm.get(a.header("Location")).json().at("/value/0/message").asText();
    }

    @Test
    void sfdiskImageWithTwoPartitionsValidates() throws Exception {
        // 256 MiB with the partitions in the first 63: /validate also needs room for the 100 MiB ESP
        image("two.raw", "label: dos\nstart=2048, size=20480, type=7, bootable\nstart=22528, size=106496, type=7\n", 256);
        try (SandboxServer s = serve("two.raw")) {
            ArmClient arm = new ArmClient(s.endpoint());
            JsonNode layout = arm.get("/_sandbox/state?vm=web01").json().at("/vms/0/osDisk/layout");
            assertEquals("MBR", layout.path("scheme").asText());
            assertEquals(524288, layout.path("sectors").asLong());
            assertEquals(2, layout.path("partitions").size());
            assertEquals(22528, layout.at("/partitions/1/start").asLong());
            assertTrue(validate(arm).contains("TRUSTLIFT_EXIT=0"));
        }
    }

    @Test
    void sfdiskImageWithFourPrimariesFailsValidation() throws Exception {
        image("four.raw", "label: dos\nstart=2048, size=20480, type=7, bootable\nstart=22528, size=40960, type=7\n"
                + "start=63488, size=20480, type=27\nstart=83968, size=20480, type=7\n");
        try (SandboxServer s = serve("four.raw")) {
            String out = validate(new ArmClient(s.endpoint()));
            assertTrue(out.contains("Disk layout validation failed for disk 0") && out.contains("TRUSTLIFT_EXIT=7"), out);
        }
    }

    @Test
    void missingImageIsAFleetError() {
        FleetException e = assertThrows(FleetException.class, () -> serve("nope.raw"));
        assertTrue(e.getMessage().contains("nope.raw") && e.getMessage().contains("does not exist"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("nope.raw")));
    }
}
