package dev.trustlift.cli.upgrade;

import dev.trustlift.cli.progress.ProgressMeter;
import dev.trustlift.core.cloud.VmRef;
import dev.trustlift.core.journal.VmState;
import dev.trustlift.core.upgrade.UpgradeListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person or a log sees while a campaign runs. On a pipe (CI, a log file) one plain line per
 * step attempt and per VM that ends: {@code web01  deallocate (attempt 1)}, {@code web01  UPGRADED
 * [3/7]}; on a terminal the live bar of {@link ProgressMeter} on stderr instead, so the screen is
 * not flooded. Called from the runner's threads.
 */
final class RunProgress implements UpgradeListener {
    private final PrintWriter out;
    private final ProgressMeter bar;
    private final StateColors colors;
    private final List<String> parked = new ArrayList<>();

    /** @param bar the terminal's bar, or null for plain lines on {@code out} */
    RunProgress(PrintWriter out, ProgressMeter bar, StateColors colors) {
        this.out = out;
        this.bar = bar;
        this.colors = colors;
    }

    @Override
    public void stepStarted(VmRef vm, String step, int attempt) {
        if (bar == null) {
            line(vm.name() + "  " + step + " (attempt " + attempt + ")");
        }
    }

    @Override
    public void vmFinished(VmRef vm, VmState state, int finished, int total) {
        if (bar == null) {
            line(vm.name() + "  " + colors.paint(state) + "  [" + finished + "/" + total + "]");
        } else {
            bar.completed(vm, finished, total);
        }
    }

    @Override
    public void vmParked(VmRef vm, String why) {
        synchronized (parked) {
            parked.add(vm.name() + ": " + why);
        }
        if (bar == null) {
            line(vm.name() + "  stopped at a safe point: " + why);
        }
    }

    /** The VMs stopped at a safe point (Ctrl-C, lost connection), each with why. */
    List<String> parked() {
        synchronized (parked) {
            return List.copyOf(parked);
        }
    }

    void finish() {
        if (bar != null) {
            bar.finish();
        }
    }

    private void line(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
