package dev.trustlift.core.upgrade;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.core.assess.Finding;
import dev.trustlift.core.assess.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VM's findings as the journal keeps them ({@code campaign_vm.findings_json}): the objects of the
 * assessment contract's {@code findings} array (rule, severity, message, evidence, remediation,
 * suggestions), so reports read upgrade findings and assess findings alike.
 */
public final class FindingsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FindingsJson() {
    }

    public static String write(List<Finding> findings) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Finding f : findings) {
            ObjectNode fn = array.addObject();
            fn.put("rule", f.rule());
            fn.put("severity", f.severity().name());
            fn.put("message", f.message());
            fn.set("evidence", MAPPER.valueToTree(f.evidence()));
            fn.put("remediation", f.remediation());
            ArrayNode suggestions = fn.putArray("suggestions");
            f.suggestions().forEach(suggestions::add);
        }
        return array.toString();
    }

    public static List<Finding> read(String json) {
        try {
            JsonNode array = MAPPER.readTree(json == null || json.isBlank() ? "[]" : json);
            List<Finding> out = new ArrayList<>();
            for (JsonNode fn : array) {
                Map<String, Object> evidence = MAPPER.convertValue(fn.path("evidence"),
                        new TypeReference<LinkedHashMap<String, Object>>() { });
                List<String> suggestions = new ArrayList<>();
                fn.path("suggestions").forEach(s -> suggestions.add(s.asText()));
                out.add(new Finding(fn.path("rule").asText(), Severity.valueOf(fn.path("severity").asText()),
                        fn.path("message").asText(), evidence == null ? Map.of() : evidence,
                        fn.path("remediation").asText(""), suggestions));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("findings_json is not a JSON array of findings", e);
        }
    }
}
