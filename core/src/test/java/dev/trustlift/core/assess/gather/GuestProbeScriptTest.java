package dev.trustlift.core.assess.gather;

import dev.trustlift.core.guest.ScriptSections;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.OsType;
import dev.trustlift.core.cloud.ScriptResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Linux probe run for real, by bash on this machine, as Run Command runs it. */
class GuestProbeScriptTest {
    @TempDir
    Path tmp;

    @Test
    void linuxProbeRunsOnARealSystemAndPrintsEverySection() throws Exception {
        Path script = tmp.resolve("probe.sh");
        Files.writeString(script, String.join("\n", GuestProbe.script(OsType.LINUX).wrappedLines()) + "\n");
        Process p = new ProcessBuilder("bash", script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        ScriptResult result = ScriptResult.fromRawOutput(out, "");
        assertEquals(0, result.exitCode(), out);
        List<String> labels = List.of(GuestProbe.SFDISK, GuestProbe.LSBLK, GuestProbe.FINDMNT + " /",
                GuestProbe.FINDMNT + " /boot/efi", GuestProbe.DF, GuestProbe.FSTAB);
        int at = -1;
        for (String label : labels) {
            int i = out.indexOf(GuestProbe.SECTION_OPEN + label + GuestProbe.SECTION_CLOSE + "\n");
            assertTrue(i > at, "section '" + label + "' in order in:\n" + out);
            at = i;
        }
        ScriptSections s = ScriptSections.of(result.stdout());
        // lsblk and findmnt need no privilege: their real JSON is what the parser reads
        String root = s.json(GuestProbe.FINDMNT + " /").at("/filesystems/0/source").asText();
        assertTrue(!root.isEmpty(), out);
        assertTrue(s.json(GuestProbe.LSBLK).at("/blockdevices/0/size").canConvertToLong(), out);
        assertTrue(s.lines(GuestProbe.DF).get(0).startsWith("Filesystem"), out);
    }

    @Test
    void linuxProbeIsValidShell() throws Exception {
        GuestScript probe = GuestProbe.script(OsType.LINUX);
        Path script = tmp.resolve("probe.sh");
        Files.writeString(script, String.join("\n", probe.wrappedLines()) + "\n");
        Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String err = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
    }
}
