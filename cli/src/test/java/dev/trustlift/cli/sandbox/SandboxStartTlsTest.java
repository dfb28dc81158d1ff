package dev.trustlift.cli.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.cli.Main;
import dev.trustlift.cli.testing.ToolRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `trustlift sandbox start --tls --cert-out FILE --client-secret-env NAME`, checked with openssl and curl. */
class SandboxStartTlsTest {
    /** Set by cli/pom.xml's surefire configuration. */
    private static final String SECRET_VARIABLE = "TRUSTLIFT_TEST_CLIENT_SECRET";
    private static final String SECRET = "sandbox-test-secret";

    @TempDir
    Path dir;

    @Test
    void startWritesTheCertificateBeforeTheEndpointAndServesTheAuthorityOverHttps() throws Exception {
        Path pem = dir.resolve("out/sandbox.pem");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread t = new Thread(() -> code.set(Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "sandbox", "start", "--fleet", "demo", "--tls",
                "--cert-out", pem.toString(), "--client-secret-env", SECRET_VARIABLE, "--exit-after", "4")));
        t.start();
        long deadline = System.currentTimeMillis() + 15_000;
        while (!out.toString(StandardCharsets.UTF_8).contains("TLS on") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        String endpoint = text.lines().findFirst().orElseThrow();
        assertTrue(endpoint.matches("https://127\\.0\\.0\\.1:\\d+/"), text + err);
        assertTrue(text.contains("certificate " + pem + ";"), text);
        assertTrue(text.contains("AZURE_AUTHORITY_HOST=" + endpoint + "adfs AZURE_TENANT_ID=adfs"), text);
        assertTrue(!text.contains(SECRET), "the secret is not echoed");
        assertTrue(text.contains("the secret of $" + SECRET_VARIABLE), text);

        assertEquals(pem + ": OK", tool("openssl", "verify", "-CAfile", pem.toString(), pem.toString()).strip());
        String metadata = tool("curl", "-sS", "--cacert", pem.toString(), endpoint + "adfs/.well-known/openid-configuration");
        assertTrue(metadata.contains("\"issuer\":\"" + endpoint + "adfs\""), metadata);
        String token = tool("curl", "-sS", "--cacert", pem.toString(), "-d", "grant_type=client_credentials",
                "-d", "client_id=curl", "-d", "client_secret=" + SECRET, "-d", "resource=https://management.azure.com/",
                endpoint + "adfs/oauth2/token");
        assertTrue(token.contains("\"token_type\":\"Bearer\""), token);
        String refused = tool("curl", "-sS", "--cacert", pem.toString(), "-w", " %{http_code}", "-d",
                "grant_type=client_credentials", "-d", "client_id=curl", "-d", "client_secret=sandbox",
                "-d", "resource=https://management.azure.com/", endpoint + "adfs/oauth2/token");
        assertTrue(refused.endsWith(" 401") && refused.contains("invalid_client"), "only the named secret works: " + refused);
        String anonymous = tool("curl", "-sS", "--cacert", pem.toString(), "-w", " %{http_code}",
                endpoint + "subscriptions?api-version=2022-12-01");
        assertTrue(anonymous.endsWith(" 401") && anonymous.contains("AuthenticationFailed"), anonymous);
        t.join(15_000);
        assertEquals(0, code.get(), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tlsOptionsWithoutTlsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                "sandbox", "start", "--fleet", "demo", "--cert-out", dir.resolve("x.pem").toString());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--cert-out and --client-secret-env need --tls"), err.toString());
    }

    @Test
    void theSecretIsNeverTakenOnTheCommandLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                "sandbox", "start", "--fleet", "demo", "--tls", "--client-secret", "s3cret");
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown options: '--client-secret', 's3cret'")
                && err.toString(StandardCharsets.UTF_8).contains("Possible solutions: --client-secret-env"), err.toString());
    }

    @Test
    void anUnsetSecretVariableIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                "sandbox", "start", "--fleet", "demo", "--tls", "--client-secret-env", "TRUSTLIFT_TEST_UNSET_VARIABLE");
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "--client-secret-env TRUSTLIFT_TEST_UNSET_VARIABLE: that environment variable is not set"), err.toString());
    }

    private static String tool(String... command) {
        return ToolRun.ok(command).out();
    }
}
