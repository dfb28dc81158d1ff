package dev.trustlift.sandbox;

import dev.trustlift.sandbox.fleet.Fleet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test fleets from src/test/resources/fleets. */
final class Fleets {
    private Fleets() {
    }

    static String text(String name) {
        try (InputStream in = Fleets.class.getResourceAsStream("/fleets/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test fleet " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Fleet load(String name) {
        return Fleet.parse(text(name), name);
    }

    /** rules.json with one setting's text replaced; fails when the setting is not there as written. */
    static Fleet rulesWith(String setting, String replacement) {
        String text = text("rules.json");
        if (!text.contains(setting)) {
            throw new IllegalArgumentException("rules.json has no " + setting);
        }
        return Fleet.parse(text.replace(setting, replacement), "rules.json");
    }
}
