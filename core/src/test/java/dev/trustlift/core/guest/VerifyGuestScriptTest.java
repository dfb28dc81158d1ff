package dev.trustlift.core.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.core.cloud.GuestScript;
import dev.trustlift.core.cloud.ScriptResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify-guest.sh run by a real shell (wrapped as the port sends it) against a fake sysfs tree and
 * a stand-in mokutil printing what mokutil 0.6 prints; its output goes through the real parser.
 */
class VerifyGuestScriptTest {
    @TempDir
    Path dir;

    private ScriptResult run(boolean efi, String tpmMajor, String sbState, List<String> dbSubjects) throws Exception {
        Path sys = dir.resolve("sys");
        if (efi) {
            Files.createDirectories(sys.resolve("firmware/efi/efivars"));
        }
        if (tpmMajor != null) {
            Files.createDirectories(sys.resolve("class/tpm/tpm0"));
            Files.writeString(sys.resolve("class/tpm/tpm0/tpm_version_major"), tpmMajor + "\n");
        }
        Path bin = Files.createDirectories(dir.resolve("bin"));
        StringBuilder db = new StringBuilder();
        for (String s : dbSubjects) {
            db.append("[key ").append(db.length()).append("]\\nSHA1 Fingerprint: 00:11\\nCertificate:\\n    Data:\\n        Subject: ")
                    .append(s).append("\\n");
        }
        Path mokutil = bin.resolve("mokutil");
        Files.writeString(mokutil, "#!/bin/sh\ncase \"$1\" in\n--sb-state) echo '" + sbState + "' ;;\n--db) printf '" + db
                + "' ;;\nesac\n");
        Files.setPosixFilePermissions(mokutil, PosixFilePermissions.fromString("rwxr-xr-x"));
        GuestScript script = GuestScripts.VERIFY_LINUX.script();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", String.join("\n", script.wrappedLines()));
        pb.environment().put("SYSFS_ROOT", sys.toString());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return ScriptResult.fromRawOutput(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aTrustedLaunchGuestWithThe2023Ca() throws Exception {
        ScriptResult r = run(true, "2", "SecureBoot enabled", List.of(
                "C=US, ST=Washington, L=Redmond, O=Microsoft Corporation, CN=Microsoft Corporation UEFI CA 2011",
                "C=US, O=Microsoft Corporation, CN=Microsoft UEFI CA 2023"));
        assertEquals(0, r.exitCode(), r.stderr());
        GuestVerification v = VerifyGuestOutput.parseLinux(r.stdout());
        assertEquals("UEFI", v.firmware());
        assertEquals(Boolean.TRUE, v.secureBoot());
        assertEquals(2, v.tpmMajorVersion());
        assertEquals(Boolean.TRUE, v.db2023());
        assertEquals(List.of(), v.upgradeProblems(true));
    }

    @Test
    void aGuestWithoutTpmOrThe2023Ca() throws Exception {
        ScriptResult r = run(true, null, "SecureBoot disabled", List.of(
                "C=US, ST=Washington, L=Redmond, O=Microsoft Corporation, CN=Microsoft Corporation UEFI CA 2011"));
        GuestVerification v = VerifyGuestOutput.parseLinux(r.stdout());
        assertEquals(Boolean.FALSE, v.secureBoot());
        assertEquals(Boolean.FALSE, v.tpmPresent());
        assertEquals(Boolean.FALSE, v.db2023());
        assertEquals(List.of("the firmware db lacks the 2023 Microsoft UEFI CA certificate"), v.certificateProblems());
    }

    @Test
    void aBiosGuest() throws Exception {
        ScriptResult r = run(false, null, "EFI variables are not supported on this system", List.of());
        GuestVerification v = VerifyGuestOutput.parseLinux(r.stdout());
        assertEquals("BIOS", v.firmware());
        assertEquals(Boolean.FALSE, v.secureBoot());
    }
}
