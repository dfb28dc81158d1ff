package dev.trustlift.core.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** JSON columns are checked when a record is made, so a malformed one fails at the writer, not at resume. */
final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {
    }

    static void requireObject(String json, String what) {
        if (!parse(json, what).isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object, got: " + json);
        }
    }

    static void requireArray(String json, String what) {
        if (!parse(json, what).isArray()) {
            throw new IllegalArgumentException(what + " must be a JSON array, got: " + json);
        }
    }

    static String stringList(List<String> values) {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    static List<String> stringList(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new JournalException("a request id list in the journal is not a JSON array of strings: " + json, e);
        }
    }

    private static JsonNode parse(String json, String what) {
        if (json == null) {
            throw new NullPointerException(what);
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
