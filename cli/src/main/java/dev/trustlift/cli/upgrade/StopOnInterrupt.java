package dev.trustlift.cli.upgrade;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntConsumer;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a campaign: the JVM runs this hook, which asks the runner to
 * stop ({@code stop}: no new VM, each VM in flight parked at its next safe point, one inside the
 * deallocate .. start window finished first) and then waits until the command has written the
 * journal and said what was stopped; only then does the process end, with the command's exit code
 * (5 when VMs were parked). The JVM does not return from a signal's shutdown on its own, so the
 * hook ends the process itself ({@code halt}).
 */
final class StopOnInterrupt implements AutoCloseable {
    private final Runnable stop;
    private final PrintWriter err;
    private final IntConsumer halt;
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private volatile boolean interrupted;
    private Thread hook;

    StopOnInterrupt(Runnable stop, PrintWriter err, IntConsumer halt) {
        this.stop = stop;
        this.err = err;
        this.halt = halt;
    }

    /** Registered with the JVM until {@link #close}. */
    static StopOnInterrupt install(Runnable stop, PrintWriter err) {
        StopOnInterrupt guard = new StopOnInterrupt(stop, err, code -> Runtime.getRuntime().halt(code));
        guard.hook = new Thread(guard::interrupted, "trustlift-stop");
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** Whether a stop was asked for (the run then ends with its VMs parked). */
    boolean wasInterrupted() {
        return interrupted;
    }

    /** The signal: stop the run, wait for the command's last word, end the process with its code. */
    void interrupted() {
        interrupted = true;
        err.println("trustlift: stopping: no new VM is started; each VM in flight stops at its next safe point"
                + " (a VM between deallocate and start is started again first)");
        err.flush();
        stop.run();
        int code;
        try {
            code = exitCode.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = dev.trustlift.cli.ExitCodes.INTERRUPTED;
        } catch (ExecutionException e) {
            code = dev.trustlift.cli.ExitCodes.FAILURE;
        }
        err.flush();
        halt.accept(code);
    }

    /**
     * The command is done and has printed everything; {@code code} is its exit code. Without a
     * signal the hook is removed; with one, the waiting hook ends the process with this code.
     */
    void finish(int code) {
        exitCode.complete(code);
        if (hook != null && !interrupted) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is stopping: the hook runs, finds the code and ends the process with it.
            }
        }
    }

    /** A command that ends by an exception: the hook, if it runs, ends the process as a failure. */
    @Override
    public void close() {
        if (!exitCode.isDone()) {
            finish(dev.trustlift.cli.ExitCodes.FAILURE);
        }
    }
}
