package dev.trustlift.cli.assess;

import dev.trustlift.cli.ExitCodes;
import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.VmAssessment;
import dev.trustlift.core.assess.gather.Target;
import dev.trustlift.core.progress.ProgressListener;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Ctrl-C (or SIGTERM) during assess must not throw away the VMs already assessed: hours of guest
 * probes on a large fleet. Collects each verdict as it comes; when the JVM is asked to stop, a
 * shutdown hook writes the report of those VMs (in the order they were asked for) where the full
 * report would have gone, says on stderr that it is partial, and ends the process with exit code
 * 5 ({@link ExitCodes#INTERRUPTED}). Whoever comes first writes: the finished run or the hook.
 */
final class PartialReportOnInterrupt implements ProgressListener<VmAssessment>, AutoCloseable {

    private enum State { RUNNING, FINISHING, INTERRUPTED }

    private final int total;
    private final Map<String, Integer> order = new HashMap<>();
    private final List<VmAssessment> assessed = new ArrayList<>();
    private final Consumer<AssessmentReport> write;
    private final PrintWriter err;
    private final Clock clock;
    private final IntConsumer halt;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread hook;

    PartialReportOnInterrupt(List<Target> targets, Consumer<AssessmentReport> write, PrintWriter err, Clock clock,
            IntConsumer halt) {
        this.total = targets.size();
        for (int i = 0; i < targets.size(); i++) {
            order.putIfAbsent(targets.get(i).ref().key(), i);
        }
        this.write = write;
        this.err = err;
        this.clock = clock;
        this.halt = halt;
    }

    /** Registered with the JVM: the process ends with exit 5 after the partial report. */
    static PartialReportOnInterrupt install(List<Target> targets, Consumer<AssessmentReport> write, PrintWriter err) {
        PartialReportOnInterrupt guard = new PartialReportOnInterrupt(targets, write, err, Clock.systemUTC(),
                code -> Runtime.getRuntime().halt(code));
        guard.hook = new Thread(guard::interrupted, "trustlift-partial-report");
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    @Override
    public void completed(VmAssessment vm, int done, int total) {
        synchronized (assessed) {
            assessed.add(vm);
        }
    }

    /**
     * The run finished: true when the caller is to write the full report, false when an
     * interruption came first and is writing the partial one (the process is about to end).
     */
    boolean finish() {
        return state.compareAndSet(State.RUNNING, State.FINISHING);
    }

    /** The stop request: writes what was assessed, unless the finished run is already writing. */
    void interrupted() {
        if (!state.compareAndSet(State.RUNNING, State.INTERRUPTED)) {
            awaitQuietly();
            return;
        }
        List<VmAssessment> done;
        synchronized (assessed) {
            done = new ArrayList<>(assessed);
        }
        done.sort(Comparator.comparingInt(vm -> order.getOrDefault(vm.vm().key(), Integer.MAX_VALUE)));
        try {
            write.accept(AssessmentReport.of(clock.instant(), done));
        } finally {
            err.println("trustlift: interrupted: the report is partial, " + done.size() + " of " + total
                    + " VMs assessed (exit " + ExitCodes.INTERRUPTED + ")");
            err.flush();
            halt.accept(ExitCodes.INTERRUPTED);
        }
    }

    /** The full report is written (or writing failed): the hook may let the JVM stop. */
    @Override
    public void close() {
        finished.countDown();
        if (hook != null && state.get() != State.INTERRUPTED) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping; the hook sees FINISHING and waits for the report.
            }
        }
    }

    private void awaitQuietly() {
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
