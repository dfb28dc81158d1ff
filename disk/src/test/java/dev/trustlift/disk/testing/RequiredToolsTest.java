package dev.trustlift.disk.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequiredToolsTest {

    @Test
    void aMissingToolSkipsOnADevelopersMachine() {
        assertThrows(TestAbortedException.class, () -> RequiredTools.require(false, "qemu-img", Map.of()));
        assertThrows(TestAbortedException.class, () -> RequiredTools.require(false, "qemu-img", Map.of("CI", "false")));
    }

    @Test
    void aMissingToolFailsOnCi() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> RequiredTools.require(false, "qemu-img", Map.of("CI", "true")));
        assertTrue(e.getMessage().contains("qemu-img"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> RequiredTools.require(false, "x", Map.of("CI", "TRUE")));
    }

    @Test
    void aPresentToolPassesEverywhere() {
        assertDoesNotThrow(() -> RequiredTools.require(true, "qemu-img", Map.of("CI", "true")));
        assertDoesNotThrow(() -> RequiredTools.require("sh"));
    }

    @Test
    void namesTheMissingToolsOnly() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> RequiredTools.require(Map.of(), "sh", "no-such-tool-xyz"));
        assertTrue(skipped.getMessage().contains("missing no-such-tool-xyz ("), skipped.getMessage());
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> RequiredTools.require(Map.of("CI", "true"), "no-such-tool-xyz"));
        assertTrue(failed.getMessage().contains("no-such-tool-xyz"), failed.getMessage());
    }
}
