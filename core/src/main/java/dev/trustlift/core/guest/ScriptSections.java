package dev.trustlift.core.guest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A guest script's output cut at the section labels the script echoes ({@value #OPEN}NAME{@value #CLOSE}
 * on a line of its own): label -> the command's own output. Shared by the assess probe and the
 * upgrade's scripts, so every parser reads real commands' output the same way.
 */
public final class ScriptSections {
    public static final String OPEN = "== ";
    public static final String CLOSE = " ==";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> sections;

    private ScriptSections(Map<String, String> sections) {
        this.sections = sections;
    }

    public static ScriptSections of(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String raw : stdout.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith(OPEN) && line.endsWith(CLOSE)
                    && line.length() > OPEN.length() + CLOSE.length()) {
                if (current != null) {
                    out.put(current, body.toString());
                }
                current = line.substring(OPEN.length(), line.length() - CLOSE.length());
                body.setLength(0);
            } else if (current != null) {
                body.append(raw).append('\n');
            }
        }
        if (current != null) {
            out.put(current, body.toString());
        }
        return new ScriptSections(out);
    }

    /** The labels in the order the script printed them. */
    public Set<String> names() {
        return java.util.Collections.unmodifiableSet(sections.keySet());
    }

    public boolean has(String name) {
        return sections.containsKey(name);
    }

    /** The section's text, or null when the script did not reach it. */
    public String text(String name) {
        return sections.get(name);
    }

    public List<String> lines(String name) {
        String text = sections.get(name);
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** The section's JSON document; null when the command printed nothing (no such mount, cmdlet failed). */
    public JsonNode json(String name) {
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
    public List<JsonNode> objects(String name) {
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
