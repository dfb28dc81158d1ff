package dev.trustlift.cli.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.tls.SandboxTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented setup with nothing trustlift-specific: the AZURE_* variables azure-identity reads
 * and the certificate in a JVM trust store made with keytool (docs/sandbox-tls.md), in a fresh
 * JVM, as a pipeline would run it.
 */
class EnvironmentSignInTest {
    static final String SUB = "11111111-1111-1111-1111-111111111111";

    @Test
    void discoverSignsInFromTheEnvironmentWithTheJvmTrustStore(@TempDir Path dir) throws Exception {
        try (SandboxServer sandbox = SandboxServer.start(SignInEndToEndTest.fleet("/fleets/discover.json"), null, 0,
                SandboxServer.DEFAULT_PAGE_SIZE, SandboxTls.on("env-secret"))) {
            Path pem = Files.writeString(dir.resolve("sandbox.pem"), sandbox.certificatePem());
            Path store = dir.resolve("trust.p12");
            run(Map.of(), "keytool", "-importcert", "-noprompt", "-alias", "trustlift-sandbox", "-file", pem.toString(),
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Map<String, String> env = Map.of("AZURE_CLIENT_ID", "pipeline-app", "AZURE_CLIENT_SECRET", "env-secret",
                    "AZURE_TENANT_ID", "adfs", "AZURE_AUTHORITY_HOST", sandbox.authorityHost());
            String out = run(env, java, "-Djavax.net.ssl.trustStore=" + store,
                    "-Djavax.net.ssl.trustStorePassword=changeit", "-cp", System.getProperty("java.class.path"),
                    "dev.trustlift.cli.Main", "discover", "--endpoint", sandbox.endpoint(), "--subscription", SUB,
                    "--output", "json");
            assertTrue(out.contains("\"generation\" : \"V1\""), out);
            List<String> signIns = SignInEndToEndTest.callsOf(sandbox).stream()
                    .map(c -> c.path("signIn").asText()).toList();
            assertEquals("token:issued client=pipeline-app aud=https://management.core.windows.net/", signIns.get(0),
                    signIns.toString());
            assertTrue(signIns.size() > 1 && signIns.subList(1, signIns.size()).stream()
                    .allMatch("bearer:valid"::equals), signIns.toString());
        }
    }

    private static String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AZURE_"));
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }
}
