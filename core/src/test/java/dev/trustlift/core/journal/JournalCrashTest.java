package dev.trustlift.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing attempts is killed with SIGKILL mid-stream: the reopened journal holds every
 * attempt whose write had returned (in at least the state it had then), and nothing torn.
 */
class JournalCrashTest {
    private static final String VM = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm";

    @TempDir
    Path dir;

    @Test
    void everyWriteThatReturnedSurvivesASigkill() throws Exception {
        Random random = new Random(9);
        for (int round = 0; round < 3; round++) {
            Path db = dir.resolve("crash-" + round + ".db");
            int killAfter = 40 + random.nextInt(200);
            Map<Integer, AttemptState> returned = runAndKill(db, "c" + round, killAfter);
            assertTrue(returned.size() >= killAfter / 2, "the child wrote " + returned.size() + " attempts");

            try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db);
                 ResultSet rs = raw.createStatement().executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertEquals("ok", rs.getString(1));
            }
            try (SqliteJournal journal = SqliteJournal.open(db)) {
                List<StepAttempt> attempts = journal.attempts("c" + round, VM);
                Map<Integer, StepAttempt> byNumber = new HashMap<>();
                for (StepAttempt a : attempts) {
                    byNumber.put(Integer.parseInt(a.key().step().substring("step-".length())), a);
                    if (a.state() == AttemptState.COMPLETED) {
                        assertNotNull(a.ended(), "a completed row has its end");
                        assertEquals(6010, a.detailJson().length(), "the detail is whole");
                        assertEquals(List.of("req-" + a.key().step().substring(5)), a.requestIds());
                    } else {
                        assertTrue(a.isOpen(), "a row is either completed or open: " + a);
                    }
                }
                returned.forEach((i, state) -> {
                    StepAttempt a = byNumber.get(i);
                    assertNotNull(a, "attempt " + i + " had returned " + state + " but is missing");
                    if (state == AttemptState.COMPLETED) {
                        assertEquals(AttemptState.COMPLETED, a.state(), "attempt " + i);
                    }
                });
                // At most the one attempt in flight at the kill is open, and it is the last.
                long open = attempts.stream().filter(StepAttempt::isOpen).count();
                assertTrue(open <= 1, open + " open attempts");
                assertTrue(attempts.size() <= returned.size() + 1, "no row appears from nowhere");
            }
        }
    }

    private Map<Integer, AttemptState> runAndKill(Path db, String campaignId, int killAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalWriterProcess.class.getName(), db.toString(), campaignId, VM)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<Integer, AttemptState> returned = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            int lines = 0;
            String line;
            while (lines < killAfter && (line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                returned.put(Integer.parseInt(parts[1]),
                        parts[0].equals("started") ? AttemptState.STARTED : AttemptState.COMPLETED);
                lines++;
            }
            // SIGKILL, as the kernel's OOM killer or a pulled plug would: no shutdown hook, no close.
            Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            // Lines the child printed before it died belong to writes that returned, too.
            while ((line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 2) {
                    returned.put(Integer.parseInt(parts[1]),
                            parts[0].equals("started") ? AttemptState.STARTED : AttemptState.COMPLETED);
                }
            }
        } finally {
            child.destroyForcibly();
        }
        return returned;
    }
}
