package dev.trustlift.core.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.ScriptResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** fetch-log's chunks and their reassembly; the output of a run must fit Run Command's 4,096-byte window. */
class LogChunkTest {
    private static final byte[] LOG = ("2026-12-08 01:02:03, Info                  MBR2GPT: Attempting to convert disk 0\r\n"
            + "2026-12-08 01:02:04, Error                 Cannot find room for the EFI system partition\r\n").repeat(60)
            .getBytes(StandardCharsets.UTF_8);

    /** What fetch-log.ps1 prints for one chunk (Length, Offset, Base64 sections). */
    private static ScriptResult run(long offset, int count) {
        int n = (int) Math.max(0, Math.min(count, LOG.length - offset));
        String b64 = n == 0 ? "" : Base64.getEncoder().encodeToString(Arrays.copyOfRange(LOG, (int) offset, (int) offset + n));
        return new ScriptResult(0, "== Length ==\n" + LOG.length + "\n== Offset ==\n" + offset + "\n== Base64 ==\n" + b64 + "\n", "");
    }

    @Test
    void aLargeLogIsFetchedInSeveralRunsAndReassembled() {
        LogAssembly log = new LogAssembly("setupact.log");
        int runs = 0;
        while (!log.complete()) {
            ScriptResult r = run(log.nextOffset(), 2400);
            assertTrue(r.stdout().getBytes(StandardCharsets.UTF_8).length + "TRUSTLIFT_EXIT=0\n".length() <= 4096);
            log.add(LogChunk.parse(r));
            runs++;
        }
        assertEquals((LOG.length + 2399) / 2400, runs);
        assertArrayEquals(LOG, log.bytes());
    }

    @Test
    void aMissingLogIsAbsentNotAnError() {
        LogChunk c = LogChunk.parse(new ScriptResult(1, "", "Exception calling \"ReadAllBytes\" with \"1\" argument(s): "
                + "\"Could not find file 'C:\\Windows\\setuperr.log'.\"\n"));
        assertTrue(c.absent());
        LogAssembly log = new LogAssembly("setuperr.log");
        log.add(c);
        assertTrue(log.complete());
        assertEquals(0, log.bytes().length);
    }

    @Test
    void chunksOutOfOrderOrFromAChangedLogAreRefused() {
        LogAssembly log = new LogAssembly("setupact.log");
        assertThrows(IllegalStateException.class, () -> log.add(LogChunk.parse(run(2400, 2400))));
        log.add(LogChunk.parse(run(0, 2400)));
        assertFalse(log.complete());
        assertThrows(IllegalStateException.class, log::bytes);
        LogChunk grown = new LogChunk(false, LOG.length + 10, 2400, new byte[10]);
        assertThrows(IllegalStateException.class, () -> log.add(grown));
    }

    @Test
    void aChunkPastTheEndIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LogChunk.parse(new ScriptResult(0,
                "== Length ==\n3\n== Offset ==\n0\n== Base64 ==\nQUJDREVG\n", "")));
    }
}
