package dev.trustlift.core.report.campaign;

import dev.trustlift.core.journal.Campaign;
import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.journal.VmState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code trustlift status} for people: the journal and campaign, the count of VMs per state, then
 * one aligned row per VM with its state, current step (and since when a running step runs) and its
 * downtime. Colour only when the caller asks (NO_COLOR and terminals are the caller's business).
 */
public final class StatusTable {
    private static final String RESET = "\u001b[0m";
    private static final String[] HEADINGS = {"VM", "RESOURCE GROUP", "STATE", "STEP", "DOWNTIME"};
    private static final Map<VmState, String> COLOUR = Map.of(
            VmState.PENDING, "\u001b[2m", VmState.IN_PROGRESS, "\u001b[33m", VmState.UPGRADED, "\u001b[32m",
            VmState.ALREADY_TRUSTED_LAUNCH, "\u001b[36m", VmState.SKIPPED, "\u001b[2m", VmState.BLOCKED, "\u001b[31m",
            VmState.FAILED, "\u001b[1;31m");

    private final boolean colour;

    public StatusTable(boolean colour) {
        this.colour = colour;
    }

    public String render(CampaignView view) {
        Campaign c = view.campaign();
        StringBuilder out = new StringBuilder();
        out.append("journal:  ").append(view.journalFile()).append('\n');
        out.append("campaign: ").append(c.id()).append("  ").append(c.state()).append("  created ")
                .append(Durations.time(c.created())).append("  trustlift ").append(c.toolVersion()).append('\n');
        out.append("VMs:      ").append(view.vms().size());
        for (VmState s : VmState.values()) {
            out.append("  ").append(s.name()).append(' ').append(view.counts().get(s));
        }
        out.append("\n\n");
        List<String[]> rows = new ArrayList<>();
        for (VmRun vm : view.vms()) {
            rows.add(new String[] {vm.name(), vm.resourceGroup(), vm.vm().state().name(), step(vm, view), downtime(vm)});
        }
        int[] widths = new int[HEADINGS.length];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = HEADINGS[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, HEADINGS, widths, null);
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths, COLOUR.get(view.vms().get(r).vm().state()));
        }
        return out.toString();
    }

    /** The current step; a running one says since when and for how long. */
    static String step(VmRun vm, CampaignView view) {
        String step = vm.vm().currentStep() == null ? "" : vm.vm().currentStep();
        if (vm.openAttempt().isPresent()) {
            StepAttempt open = vm.openAttempt().get();
            return open.key().step() + " (attempt " + open.key().attempt() + ", running since "
                    + Durations.time(open.started()) + ", "
                    + Durations.human(Duration.between(open.started(), view.generatedAt())) + ")";
        }
        return step;
    }

    static String downtime(VmRun vm) {
        if (vm.downtimeOngoing()) {
            return "not ended (deallocated " + Durations.time(vm.vm().downtimeStart()) + ")";
        }
        return vm.downtime().map(Durations::human).orElse("");
    }

    private void line(StringBuilder out, String[] cells, int[] widths, String stateColour) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            String padded = i == cells.length - 1 ? cell : cell + " ".repeat(widths[i] - cell.length() + 2);
            line.append(colour && i == 2 && stateColour != null ? stateColour + cell + RESET
                    + padded.substring(cell.length()) : padded);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
