package dev.trustlift.sandbox.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate as the real tools see it: openssl and keytool parse it, openssl verifies it. */
class SelfSignedCertificateTest {
    @TempDir
    static Path dir;
    static SelfSignedCertificate certificate;
    static Path pem;

    @BeforeAll
    static void generate() throws IOException {
        certificate = SelfSignedCertificate.forLoopback(Instant.now());
        pem = dir.resolve("sandbox.pem");
        certificate.writeCertificatePem(pem);
    }

    @Test
    void opensslReadsTheExtensionsAClientNeeds() throws Exception {
        String text = run("openssl", "x509", "-in", pem.toString(), "-noout", "-text");
        assertTrue(text.contains("CA:TRUE"), text);
        assertTrue(text.contains("Certificate Sign"), text);
        assertTrue(text.contains("Digital Signature"), text);
        assertTrue(text.contains("Key Encipherment"), text);
        assertTrue(text.contains("TLS Web Server Authentication"), text);
        assertTrue(text.contains("DNS:localhost"), text);
        assertTrue(text.contains("IP Address:127.0.0.1"), text);
        assertTrue(text.contains("Subject Key Identifier"), text);
        assertTrue(text.contains("Public-Key: (2048 bit)"), text);
    }

    @Test
    void opensslVerifiesItAsItsOwnCaForServerUseUnderStrictRules() throws Exception {
        String out = run("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", pem.toString(),
                pem.toString());
        assertEquals(pem + ": OK", out.strip());
    }

    @Test
    void keytoolPrintsIt() throws Exception {
        String out = run("keytool", "-printcert", "-file", pem.toString());
        assertTrue(out.contains("Owner: O=trustlift, CN=trustlift sandbox"), out);
        assertTrue(out.contains("IPAddress: 127.0.0.1"), out);
    }

    @Test
    void thePemHoldsTheCertificateAndNeverTheKey() {
        String text = certificate.certificatePem();
        assertTrue(text.startsWith("-----BEGIN CERTIFICATE-----"), text);
        assertEquals(1, text.split("BEGIN").length - 1);
        assertTrue(!text.contains("PRIVATE KEY"));
    }

    @Test
    void hostNamesAreRefusedWhereAnIpAddressIsExpected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SelfSignedCertificate.generate("x", List.of(), List.of("example.com"), Instant.now()));
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }
}
