package dev.trustlift.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.AssessmentReport;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Verdict;
import dev.trustlift.core.assess.VmAssessment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The JSON document of contracts/assessment.md, field for field and in its order. */
public final class JsonReport {
    /** The contract's order of the summary keys. */
    static final List<Verdict> SUMMARY_ORDER = List.of(Verdict.READY, Verdict.READY_WITH_FIXES, Verdict.BLOCKED,
            Verdict.ALREADY_TRUSTED_LAUNCH, Verdict.SKIPPED, Verdict.UNKNOWN);

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(AssessmentReport report, Writer out) {
        try {
            mapper.writeValue(out, toTree(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(AssessmentReport report) {
        try {
            return mapper.writeValueAsString(toTree(report)) + System.lineSeparator();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode toTree(AssessmentReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("generatedAt", report.generatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode summary = root.putObject("summary");
        for (Verdict v : SUMMARY_ORDER) {
            summary.put(v.name(), report.summary().get(v));
        }
        ArrayNode vms = root.putArray("vms");
        for (VmAssessment vm : report.vms()) {
            ObjectNode node = vms.addObject();
            node.put("id", vm.vm().id());
            node.put("name", vm.vm().name());
            node.put("resourceGroup", vm.vm().resourceGroup());
            node.put("subscription", vm.vm().subscription());
            node.put("verdict", vm.verdict().name());
            node.put("guestChecked", vm.guestChecked());
            ArrayNode findings = node.putArray("findings");
            for (Finding f : vm.findings()) {
                ObjectNode fn = findings.addObject();
                fn.put("rule", f.rule());
                fn.put("severity", f.severity().name());
                fn.put("message", f.message());
                fn.set("evidence", mapper.valueToTree(f.evidence()));
                fn.put("remediation", f.remediation());
                ArrayNode suggestions = fn.putArray("suggestions");
                f.suggestions().forEach(suggestions::add);
            }
        }
        return root;
    }
}
