package dev.trustlift.core.assess.gather;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The probe's output cut at the section labels the script echoes: label -> the command's own output. */
final class ProbeSections {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> sections;

    private ProbeSections(Map<String, String> sections) {
        this.sections = sections;
    }

    static ProbeSections of(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String raw : stdout.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith(GuestProbe.SECTION_OPEN) && line.endsWith(GuestProbe.SECTION_CLOSE)
                    && line.length() > GuestProbe.SECTION_OPEN.length() + GuestProbe.SECTION_CLOSE.length()) {
                if (current != null) {
                    out.put(current, body.toString());
                }
                current = line.substring(GuestProbe.SECTION_OPEN.length(), line.length() - GuestProbe.SECTION_CLOSE.length());
                body.setLength(0);
            } else if (current != null) {
                body.append(raw).append('\n');
            }
        }
        if (current != null) {
            out.put(current, body.toString());
        }
        return new ProbeSections(out);
    }

    boolean has(String name) {
        return sections.containsKey(name);
    }

    /** The section's text, or null when the script did not reach it. */
    String text(String name) {
        return sections.get(name);
    }

    List<String> lines(String name) {
        String text = sections.get(name);
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The section's JSON document; null when the command printed nothing (no such mount, cmdlet failed). */
    JsonNode json(String name) {
        String text = sections.get(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the output of '" + name + "' is not JSON: " + e.getOriginalMessage());
        }
    }

    /** A ConvertTo-Json result as a list: Windows PowerShell prints a single object without the array. */
    List<JsonNode> objects(String name) {
        JsonNode node = json(name);
        if (node == null) {
            return List.of();
        }
        if (node.isArray()) {
            return java.util.stream.StreamSupport.stream(node.spliterator(), false).toList();
        }
        return List.of(node);
    }
}
