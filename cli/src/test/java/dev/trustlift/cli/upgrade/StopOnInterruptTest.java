package dev.trustlift.cli.upgrade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The Ctrl-C hook stops the runner, then waits for the command's last word and ends with its exit code. */
class StopOnInterruptTest {

    @Test
    void theHookStopsTheRunAndEndsWithTheCodeTheCommandGives() throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        StringWriter err = new StringWriter();
        StopOnInterrupt guard = new StopOnInterrupt(() -> stopped.set(true), new PrintWriter(err), halted::complete);
        Thread hook = new Thread(guard::interrupted);
        hook.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!stopped.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(stopped.get(), "the runner was asked to stop");
        assertTrue(guard.wasInterrupted());
        Thread.sleep(100);
        assertFalse(halted.isDone(), "the process does not end before the command has written the journal and said so");
        guard.finish(5);
        assertEquals(5, halted.get(10, TimeUnit.SECONDS));
        assertTrue(err.toString().contains("no new VM is started"), err.toString());
    }

    @Test
    void aCommandThatEndsByAnExceptionLetsTheHookEndAsAFailure() throws Exception {
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        StopOnInterrupt guard = new StopOnInterrupt(() -> { }, new PrintWriter(new StringWriter()), halted::complete);
        Thread hook = new Thread(guard::interrupted);
        hook.start();
        Thread.sleep(50);
        guard.close();
        assertEquals(1, halted.get(10, TimeUnit.SECONDS));
    }

    @Test
    void withoutASignalNothingHalts() throws Exception {
        CompletableFuture<Integer> halted = new CompletableFuture<>();
        StopOnInterrupt guard = new StopOnInterrupt(() -> { }, new PrintWriter(new StringWriter()), halted::complete);
        guard.finish(0);
        guard.close();
        assertFalse(guard.wasInterrupted());
        assertFalse(halted.isDone());
    }
}
