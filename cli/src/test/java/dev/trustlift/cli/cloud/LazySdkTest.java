package dev.trustlift.cli.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Commands that do not talk to the cloud must not pay for the Azure SDK (seconds of class
 * loading). A fresh JVM runs the CLI with -verbose:class and we look at what it loaded.
 */
class LazySdkTest {

    static List<String> loadedClasses(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-verbose:class", "-cp",
                System.getProperty("java.class.path"), "dev.trustlift.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void diskCommandsLoadNoAzureClass() throws Exception {
        List<String> lines = loadedClasses("disk", "--help");
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.trustlift.cli.disk.")), "the disk command itself loaded");
        assertFalse(lines.stream().anyMatch(l -> l.contains(" com.azure.") || l.contains(" dev.trustlift.azure.")),
                lines.stream().filter(l -> l.contains("azure.")).findFirst().orElse(""));
    }

    @Test
    void helpOfDiscoverLoadsNoAzureClass() throws Exception {
        List<String> lines = loadedClasses("discover", "--help");
        assertTrue(lines.stream().anyMatch(l -> l.contains("dev.trustlift.cli.cloud.DiscoverCommand")),
                "the check must see the command itself load");
        assertFalse(lines.stream().anyMatch(l -> l.contains(" com.azure.")),
                lines.stream().filter(l -> l.contains("com.azure.")).findFirst().orElse(""));
    }
}
