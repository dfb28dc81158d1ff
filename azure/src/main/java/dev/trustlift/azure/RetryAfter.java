package dev.trustlift.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How long ARM asks a client to wait: the headers azure-core's RetryPolicy reads, most precise first. */
final class RetryAfter {
    private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
    private static final HttpHeaderName MS_RETRY_AFTER_MS = HttpHeaderName.fromString("x-ms-retry-after-ms");

    private RetryAfter() {
    }

    /** retry-after-ms / x-ms-retry-after-ms, then Retry-After in seconds or as an HTTP date; empty when none is readable. */
    static Optional<Duration> read(HttpHeaders headers) {
        for (HttpHeaderName name : new HttpHeaderName[] {RETRY_AFTER_MS, MS_RETRY_AFTER_MS}) {
            String ms = headers.getValue(name);
            if (ms != null) {
                try {
                    return Optional.of(Duration.ofMillis(Math.max(0, Long.parseLong(ms.trim()))));
                } catch (NumberFormatException ignored) {
                    // fall through to the next header
                }
            }
        }
        String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(OffsetDateTime.now(),
                        OffsetDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
