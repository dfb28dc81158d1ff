package dev.trustlift.core.report.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTailTest {
    @TempDir
    Path dir;

    @Test
    void theLastFortyLinesOfAShortLogWithCrlf() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 45; i++) {
            log.append("line ").append(i).append("\r\n");
        }
        List<String> tail = ArtifactTail.of(Files.writeString(dir.resolve("a.log"), log)).orElseThrow();
        assertEquals(40, tail.size());
        assertEquals("line 6", tail.get(0));
        assertEquals("line 45", tail.get(39));
    }

    @Test
    void aLongLogIsReadFromItsEndAndItsCutFirstLineDropped() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 1; i <= 20_000; i++) {
            log.append("serial console line ").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("serial-console.log"), log);
        assertTrue(Files.size(file) > 64 * 1024);
        List<String> tail = ArtifactTail.of(file).orElseThrow();
        assertEquals(40, tail.size());
        assertEquals("serial console line 19961", tail.get(0));
        assertEquals("serial console line 20000", tail.get(39));
    }

    @Test
    void utf16WithItsByteOrderMark() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0xFF);
        bytes.write(0xFE);
        bytes.write("MBR2GPT: Conversion failed\r\nexit 7\r\n".getBytes(StandardCharsets.UTF_16LE));
        Path file = Files.write(dir.resolve("setupact.log"), bytes.toByteArray());
        assertEquals(List.of("MBR2GPT: Conversion failed", "exit 7"), ArtifactTail.of(file).orElseThrow());
    }

    @Test
    void nothingForABinaryOrMissingFile() throws Exception {
        assertTrue(ArtifactTail.of(Files.write(dir.resolve("dump.bin"), new byte[] {1, 0, 2, 3})).isEmpty());
        assertTrue(ArtifactTail.of(dir.resolve("missing.log")).isEmpty());
    }
}
