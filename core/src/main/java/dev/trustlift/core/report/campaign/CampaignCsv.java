package dev.trustlift.core.report.campaign;

import dev.trustlift.core.journal.StepAttempt;
import dev.trustlift.core.report.CsvReport;
import dev.trustlift.core.upgrade.JournaledOperation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row per step attempt, the VM's columns repeated, RFC 4180 quoting and CRLF line ends as the
 * assess CSV; a VM without attempts (pending, or blocked before its first step) still gets one row
 * with empty step columns, so every VM appears.
 */
public final class CampaignCsv {
    public static final List<String> HEADER = List.of("vmName", "resourceGroup", "vmId", "vmState", "step", "attempt",
            "state", "started", "ended", "durationSeconds", "requestIds", "operation", "errorCode", "error");
    private static final String CRLF = "\r\n";

    public String render(CampaignView view) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (VmRun vm : view.vms()) {
            List<String> vmColumns = List.of(vm.name(), vm.resourceGroup(), vm.id(), vm.vm().state().name());
            if (vm.attempts().isEmpty()) {
                List<String> fields = new ArrayList<>(vmColumns);
                while (fields.size() < HEADER.size()) {
                    fields.add("");
                }
                row(out, fields);
            }
            for (StepAttempt a : vm.attempts()) {
                List<String> fields = new ArrayList<>(vmColumns);
                fields.add(a.key().step());
                fields.add(String.valueOf(a.key().attempt()));
                fields.add(a.state().name());
                fields.add(a.started().toString());
                fields.add(a.ended() == null ? "" : a.ended().toString());
                fields.add(a.ended() == null ? "" : Durations.seconds(Duration.between(a.started(), a.ended())).toPlainString());
                fields.add(String.join(" ", a.requestIds()));
                fields.add(a.operationKind() == null ? "" : JournaledOperation.labelOf(a.operationKind()));
                fields.add(a.errorCode() == null ? "" : a.errorCode());
                fields.add(a.errorMessage() == null ? "" : a.errorMessage());
                row(out, fields);
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(CsvReport.quote(fields.get(i)));
        }
        out.append(CRLF);
    }
}
