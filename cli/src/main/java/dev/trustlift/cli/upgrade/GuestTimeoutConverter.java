package dev.trustlift.cli.upgrade;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration as people write it: 30s, 5m, 2h (or ISO-8601, PT15M); positive. */
final class GuestTimeoutConverter implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        Duration d = parse(value);
        if (d.isZero() || d.isNegative()) {
            throw new TypeConversionException("a duration must be positive, not '" + value + "'");
        }
        return d;
    }

    static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (e.g. 30s, 5m, 1h)");
        }
    }
}
