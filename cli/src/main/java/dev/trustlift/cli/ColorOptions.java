package dev.trustlift.cli;

import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --color auto|always|never}. auto colours only a terminal, and not when NO_COLOR is set
 * to a non-empty value (no-color.org: an empty NO_COLOR is as if unset); a flag on the command
 * line overrides NO_COLOR, as no-color.org asks.
 */
public final class ColorOptions {

    /** When to colour. */
    public enum When { auto, always, never }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (default: only on a terminal, and not when NO_COLOR is set), always or never.")
    When when = When.auto;

    /** Whether what goes to stdout gets colour. */
    public boolean forStdout() {
        return enabled(when, Main.terminal(mixee).stdout(), System.getenv());
    }

    public static boolean enabled(When when, boolean terminal, Map<String, String> environment) {
        return switch (when) {
            case always -> true;
            case never -> false;
            case auto -> terminal && !noColor(environment);
        };
    }

    /** NO_COLOR present and not empty. */
    public static boolean noColor(Map<String, String> environment) {
        String value = environment.get("NO_COLOR");
        return value != null && !value.isEmpty();
    }
}
