package dev.trustlift.disk.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real external tool (fsck.vfat, qemu-img, sgdisk, ...) with a timeout and captures what
 * it printed, so tests can check our bytes with the tools people actually use.
 */
public final class Tool {
    private static final long DEFAULT_TIMEOUT_SECONDS = 60;

    private Tool() {
    }

    /** What a finished tool run left behind. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public String output() {
            return stdout + stderr;
        }

        /** Fails with the whole command, exit code and output when the tool did not exit 0. */
        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError(describe());
            }
            return this;
        }

        public String describe() {
            return String.join(" ", command) + " exited " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    public static Result run(String... command) {
        return run(Map.of(), DEFAULT_TIMEOUT_SECONDS, command);
    }

    /** Runs {@code command} with extra environment variables; kills it after the timeout. */
    public static Result run(Map<String, String> env, long timeoutSeconds, String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.set(0, resolve(cmd.get(0)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            Collector out = new Collector(p.getInputStream());
            Collector err = new Collector(p.getErrorStream());
            out.start();
            err.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
            }
            out.join();
            err.join();
            return new Result(cmd, p.exitValue(), out.text(), err.text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + cmd, e);
        }
    }

    /** True when {@code name} is an executable on the PATH, /usr/sbin or /sbin. */
    public static boolean available(String name) {
        return Files.isExecutable(Path.of(resolve(name)));
    }

    /** Finds {@code name} also in the sbin folders, which a non-root PATH often lacks (fsck.vfat). */
    static String resolve(String name) {
        if (name.contains("/")) {
            return name;
        }
        List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(name);
    }

    private static final class Collector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Collector(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException ignored) {
                // the process died; what it printed so far is all there is
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
