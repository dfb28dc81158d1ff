package dev.trustlift.cli.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `trustlift sandbox generate` and `sandbox start`, in-process through Main.run. */
class SandboxCommandTest {
    @TempDir
    Path dir;

    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;

        Run exec(String... args) {
            code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    args);
            return this;
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void generateIsDeterministicAndStartServesIt() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, new Run().exec("sandbox", "generate", "--vms", "50", "--seed", "3", "--out", a.toString()).code);
        assertEquals(0, new Run().exec("sandbox", "generate", "--vms", "50", "--seed", "3", "--out", b.toString()).code);
        assertEquals(Files.readString(a), Files.readString(b));
        Run stdout = new Run().exec("sandbox", "generate", "--vms", "50", "--seed", "3");
        assertEquals(Files.readString(a), stdout.out());

        Run start = new Run();
        AtomicInteger code = new AtomicInteger(-1);
        Thread t = new Thread(() -> code.set(start.exec("sandbox", "start", "--fleet", a.toString(), "--log", "--exit-after", "6")
                .code));
        t.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!start.out().contains("\n") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        String endpoint = start.out().lines().findFirst().orElseThrow();
        assertTrue(endpoint.matches("http://127\\.0\\.0\\.1:\\d+/"), endpoint);
        HttpResponse<String> state = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(endpoint + "_sandbox/state")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, state.statusCode());
        assertTrue(state.body().contains("\"ready\":true"));
        t.join(10_000);
        assertEquals(0, code.get());
        assertTrue(start.err().contains(" GET /_sandbox/state -> 200"), start.err());
    }

    @Test
    void badFleetIsAUsageErrorNamingTheKey() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"subscriptions\": [{\"id\": \"s1\", \"featurs\": {}}]}");
        Run r = new Run().exec("sandbox", "start", "--fleet", f.toString());
        assertEquals(2, r.code);
        assertTrue(r.err().contains("trustlift: error:") && r.err().contains("unknown key 'featurs'"), r.err());
        Run missing = new Run().exec("sandbox", "start", "--fleet", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code);
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void theDemoFleetIsBuiltIn() throws Exception {
        Run r = new Run();
        Thread t = new Thread(() -> r.exec("sandbox", "start", "--fleet", "demo", "--exit-after", "0.5"));
        t.start();
        t.join(10_000);
        assertEquals(0, r.code, r.err());
        assertTrue(r.out().contains("VMs in 2 subscription(s)"), r.out());
    }
}
