package dev.trustlift.sandbox.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/** The strict JSON mapping of fleet files: unknown keys and wrong types are errors with the JSON path. */
final class FleetJson {
    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private FleetJson() {
    }

    static Fleet read(String json, String source) {
        try {
            return STRICT.readValue(json, Fleet.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new FleetException(source + ": unknown key '" + e.getPropertyName() + "' at " + path(e)
                    + " (known keys: " + known + ")");
        } catch (JsonMappingException e) {
            throw new FleetException(source + ": bad value at " + path(e) + ": " + e.getOriginalMessage().lines()
                    .findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            throw new FleetException(source + ": not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    static <T> T convert(JsonNode node, Class<T> type, String source, String where) {
        try {
            return STRICT.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new FleetException(source + ": unknown key '" + e.getPropertyName() + "' at " + where);
        } catch (JsonProcessingException e) {
            throw new FleetException(source + ": bad value at " + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    static String write(Fleet fleet) {
        try {
            return STRICT.writeValueAsString(fleet);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON path like vms[3].osDisk.layout from Jackson's reference chain. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "the top level" : sb.toString();
    }
}
