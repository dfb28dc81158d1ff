package dev.trustlift.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedCertificatesTest {
    @Test
    void aPemMadeByOpensslIsRead(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("ca.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve("key.pem").toString(), "-out",
                pem.toString(), "-days", "1", "-subj", "/CN=test-ca").redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, openssl.exitValue());
        assertEquals("CN=test-ca", TrustedCertificates.load(pem).get(0).getSubjectX500Principal().getName());
    }

    @Test
    void aMissingOrEmptyFileIsAClearUsageError(@TempDir Path dir) throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TrustedCertificates.load(dir.resolve("nope.pem")));
        assertTrue(missing.getMessage().startsWith("no such file: "), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TrustedCertificates.load(empty));
        assertTrue(none.getMessage().contains("--cert-out"), none.getMessage());
    }
}
