package dev.trustlift.cli.testing;

import dev.trustlift.cli.Main;
import dev.trustlift.cli.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/** One in-process run of the trustlift command line, with a timeout so a hang fails the test. */
public record CliRun(List<String> args, int exitCode, String out, String err, Duration elapsed) {

    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trustlift-cli-run");
        t.setDaemon(true);
        return t;
    });

    public static CliRun of(String... args) {
        return of(Duration.ofSeconds(60), args);
    }

    public static CliRun of(Duration timeout, String... args) {
        return of(timeout, CommandLine.defaultFactory(), args);
    }

    /** A run whose commands {@code factory} makes (the upgrade commands with test plans). */
    public static CliRun of(Duration timeout, CommandLine.IFactory factory, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        Future<Integer> run = RUNNER.submit(() -> Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Terminal.NONE, factory, args));
        try {
            int code = run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new CliRun(List.of(args), code, out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - t0));
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("trustlift " + String.join(" ", args) + " did not finish within " + timeout);
        } catch (ExecutionException e) {
            throw new AssertionError("trustlift " + String.join(" ", args) + " let an exception escape Main.run", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String describe() {
        return "trustlift " + String.join(" ", args) + " exited " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    /**
     * Whether stderr is what a person should see on failure: at most one line per problem, no
     * Java exception names, no stack frames.
     */
    public boolean errIsCleanForPeople() {
        return !err.contains("Exception") && !err.contains("\tat ") && !err.contains("at dev.trustlift")
                && !err.contains("at java.");
    }
}
