package dev.trustlift.disk.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The one gate of every test that needs a real tool (qemu-img, mkfs.vfat, chromium, ...). On a
 * developer's machine a missing tool skips the test; with {@code CI=true} it fails it, so a green CI
 * means the interoperability tests really ran (.ci/run installs scripts/test-packages.txt).
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** Skips (or, on CI, fails) unless every named tool is on the PATH or in the sbin folders. */
    public static void require(String... tools) {
        require(System.getenv(), tools);
    }

    static void require(Map<String, String> environment, String... tools) {
        List<String> missing = Arrays.stream(tools).filter(t -> !Tool.available(t)).toList();
        require(missing.isEmpty(), "missing " + String.join(", ", missing)
                + " (scripts/test-packages.txt lists the Debian packages)", environment);
    }

    /** Skips (or, on CI, fails) unless {@code present}; {@code what} names what is missing. */
    public static void require(boolean present, String what) {
        require(present, what, System.getenv());
    }

    static void require(boolean present, String what, Map<String, String> environment) {
        if (present) {
            return;
        }
        if (onCi(environment)) {
            throw new AssertionFailedError("CI=true and a tool this test needs is missing: " + what);
        }
        Assumptions.abort(what);
    }

    static boolean onCi(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.getOrDefault("CI", "").trim());
    }
}
