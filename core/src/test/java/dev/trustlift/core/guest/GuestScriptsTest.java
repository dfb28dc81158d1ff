package dev.trustlift.core.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.OsType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scripts as resources: versioned, parameters declared where Run Command passes them, no user data in the text. */
class GuestScriptsTest {
    private static final Pattern PS_PARAM = Pattern.compile("\\]\\$([A-Za-z]+)");

    @Test
    void everyScriptStartsWithItsNameAndVersion() {
        for (GuestScripts s : GuestScripts.values()) {
            String first = s.lines().get(0);
            String file = s.resource().substring(s.resource().indexOf('/') + 1);
            assertTrue(first.startsWith("# " + file + " version "), s + ": " + first);
            // drive-letter-fix 2: Mode detect (only reports) came after version 1 ran every phase
            assertEquals(s == GuestScripts.DRIVE_LETTER_FIX ? 2 : 1, s.version(), s.toString());
            assertFalse(first.contains("trustlift:"), "no marker a simulator could key on: " + first);
        }
    }

    @Test
    void windowsScriptsDeclareExactlyTheirParametersInAParamBlock() {
        for (GuestScripts s : GuestScripts.values()) {
            if (s.os() != OsType.WINDOWS) {
                continue;
            }
            List<String> declared = new ArrayList<>();
            s.lines().stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("param(")).findFirst().ifPresent(p -> {
                Matcher m = PS_PARAM.matcher(p);
                while (m.find()) {
                    declared.add(m.group(1));
                }
            });
            assertEquals(s.parameterNames(), declared, s.toString());
        }
    }

    @Test
    void parametersTravelBesideTheTextAndTheParamBlockStaysFirstWhenWrapped() {
        GuestScript script = GuestScripts.MBR2GPT_CONVERT.script(Map.of("DiskNumber", "2"));
        assertEquals(Map.of("DiskNumber", "2"), script.parameters());
        assertTrue(script.lines().stream().noneMatch(l -> l.contains("/disk:2")));
        assertTrue(script.lines().stream().anyMatch(l -> l.contains("MBR2GPT.exe /convert \"/disk:$DiskNumber\" /allowFullOS")));
        List<String> wrapped = script.wrappedLines();
        assertTrue(wrapped.get(0).startsWith("# mbr2gpt-convert.ps1 version 1"));
        assertTrue(wrapped.get(1).startsWith("param("), wrapped.get(1));
        assertEquals("$global:LASTEXITCODE = 0", wrapped.get(2));
    }

    @Test
    void anUndeclaredParameterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> GuestScripts.MBR2GPT_VALIDATE.script(Map.of("Disk", "0")));
        assertThrows(IllegalArgumentException.class, () -> GuestScripts.VERIFY_LINUX.script(Map.of("X", "1")));
        assertThrows(IllegalArgumentException.class, () -> new GuestScript(OsType.LINUX, List.of("true"),
                java.time.Duration.ofSeconds(1), Map.of("not a name", "1")));
    }

    @Test
    void windowsScriptsFitTheOutputWindow() {
        // the longest output is fetch-log's: 2,400 bytes as base64 plus its labels
        assertTrue(4 * ((2400 + 2) / 3) + 80 < 4096);
        assertTrue(GuestScripts.FETCH_LOG.lines().stream().anyMatch(l -> l.contains("[ValidateRange(1, 2400)][int]$Count")));
    }
}
