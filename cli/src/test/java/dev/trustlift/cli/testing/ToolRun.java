package dev.trustlift.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of an external tool (sgdisk, qemu-img, mkfs.*): exit code and output. Every run
 * has a timeout, so a hanging tool fails the test instead of the build.
 */
public record ToolRun(List<String> command, int exitCode, String out, String err, Duration elapsed) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public static ToolRun of(String... command) {
        return of(DEFAULT_TIMEOUT, Map.of(), command);
    }

    /** Runs {@code command}, fails with its output when it does not exit 0. */
    public static ToolRun ok(String... command) {
        return of(command).requireSuccess();
    }

    /** Runs {@code command} with {@code stdin} as its input; fails with its output when it does not exit 0. */
    public static ToolRun fed(String stdin, String... command) {
        return run(DEFAULT_TIMEOUT, Map.of(), stdin, command).requireSuccess();
    }

    public static ToolRun of(Duration timeout, Map<String, String> env, String... command) {
        return run(timeout, env, null, command);
    }

    private static ToolRun run(Duration timeout, Map<String, String> env, String stdin, String... command) {
        long t0 = System.nanoTime();
        Path inFile = null;
        Path outFile = null;
        Path errFile = null;
        try {
            // Input from a file rather than a pipe: a tool that prints before it reads cannot deadlock us.
            if (stdin != null) {
                inFile = Files.writeString(Files.createTempFile("tool-in", ".txt"), stdin, StandardCharsets.UTF_8);
            }
            outFile = Files.createTempFile("tool-out", ".txt");
            errFile = Files.createTempFile("tool-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(env.containsKey("PATH") ? command : located(command))
                    .redirectInput(ProcessBuilder.Redirect.from((inFile != null ? inFile : Path.of("/dev/null")).toFile()))
                    .redirectOutput(outFile.toFile())
                    .redirectError(errFile.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new ToolRun(List.of(command), p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command[0], e);
        } finally {
            deleteQuietly(inFile);
            deleteQuietly(outFile);
            deleteQuietly(errFile);
        }
    }

    /** sfdisk, mkfs.* and friends live in the sbin directories, which a non-root PATH often lacks. */
    private static String[] located(String[] command) {
        String[] cmd = command.clone();
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            if (!cmd[0].contains("/") && Files.isExecutable(Path.of(dir, cmd[0]))) {
                cmd[0] = dir + "/" + cmd[0];
                break;
            }
        }
        return cmd;
    }

    /** Runs a shell pipeline with bash -c; the arguments become $1, $2... */
    public static ToolRun shell(String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "set -euo pipefail; " + script, "bash"));
        cmd.addAll(List.of(args));
        return of(cmd.toArray(String[]::new)).requireSuccess();
    }

    public ToolRun requireSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(describe());
        }
        return this;
    }

    public String describe() {
        return String.join(" ", command) + " exited " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
