package dev.trustlift.cli.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.cli.testing.CliRun;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.tls.SandboxTls;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * discover and assess against the sandbox with --tls through the production credential path:
 * azure-identity signs in with a client secret at the sandbox's AD FS authority, and the SDK's
 * own bearer policy sends the token. The sandbox's call log is the witness.
 */
class SignInEndToEndTest {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final String SECRET_VAR = "TRUSTLIFT_TEST_CLIENT_SECRET";
    static final String WRONG_VAR = "TRUSTLIFT_TEST_WRONG_SECRET";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static SandboxServer sandbox;
    static Path pem;

    @BeforeAll
    static void start() throws Exception {
        String secret = System.getenv(SECRET_VAR);
        assertNotNull(secret, SECRET_VAR + " is set by the cli module's surefire configuration");
        sandbox = SandboxServer.start(fleet("/assess/fleet.json"), null, 0, SandboxServer.DEFAULT_PAGE_SIZE,
                SandboxTls.on(secret));
        pem = Files.writeString(dir.resolve("sandbox.pem"), sandbox.certificatePem());
    }

    static HttpClient trustingClient(SandboxServer server) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sandbox", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(server.certificatePem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static Fleet fleet(String resource) throws Exception {
        try (InputStream in = SignInEndToEndTest.class.getResourceAsStream(resource)) {
            return Fleet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        }
    }

    /** The command line with the sign-in flags; each test its own client id, so its own sign-in. */
    static String[] command(String clientId, String secretVar, boolean trustCert, String... rest) {
        List<String> args = new ArrayList<>(List.of(rest));
        args.addAll(List.of("--endpoint", sandbox.endpoint(), "--subscription", SUB,
                "--authority-host", sandbox.authorityHost(), "--client-id", clientId, "--client-secret-env", secretVar));
        if (trustCert) {
            args.addAll(List.of("--ca-cert", pem.toString()));
        }
        return args.toArray(String[]::new);
    }

    static List<JsonNode> calls() throws Exception {
        return callsOf(sandbox);
    }

    /** The call log of any TLS sandbox, read through a client that trusts its certificate. */
    static List<JsonNode> callsOf(SandboxServer server) throws Exception {
        String body = trustingClient(server).send(HttpRequest.newBuilder(URI.create(server.endpoint() + "_sandbox/calls"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        return StreamSupport.stream(JSON.readTree(body).path("calls").spliterator(), false).toList();
    }

    /** The log entries of one client: its token requests, and the ARM calls made after them. */
    static List<String> signInTrail(String clientId) throws Exception {
        List<String> trail = new ArrayList<>();
        boolean started = false;
        for (JsonNode call : calls()) {
            String signIn = call.path("signIn").asText();
            if (signIn.startsWith("token:") && signIn.contains("client=" + clientId)) {
                started = true;
                trail.add(signIn.replaceAll(" aud=.*", ""));
            } else if (signIn.startsWith("token:")) {
                started = false;
            } else if (started && !call.path("path").asText().startsWith("/_sandbox")) {
                trail.add(call.path("method").asText() + " " + signIn);
            }
        }
        return trail;
    }

    @Test
    void discoverSignsInOnceAndEveryArmCallCarriesAValidBearerToken() throws Exception {
        CliRun r = CliRun.of(command("discover-app", SECRET_VAR, true,
                "discover", "--output", "json"));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        List<String> names = StreamSupport.stream(JSON.readTree(r.out()).spliterator(), false)
                .map(vm -> vm.path("name").asText()).sorted().toList();
        assertEquals(9, names.size(), r.out());
        assertTrue(names.contains("web01") && names.contains("old01"), names.toString());

        List<String> trail = signInTrail("discover-app");
        assertEquals("token:issued client=discover-app", trail.get(0), trail.toString());
        assertTrue(trail.size() > 1, "ARM calls follow the sign-in: " + trail);
        assertTrue(trail.subList(1, trail.size()).stream().allMatch(c -> c.endsWith(" bearer:valid")), trail.toString());
        assertEquals(1, trail.stream().filter(c -> c.startsWith("token:")).count(), "one sign-in: " + trail);
        JsonNode issued = calls().stream().filter(c -> c.path("signIn").asText().contains("client=discover-app"))
                .findFirst().orElseThrow();
        assertEquals("POST", issued.path("method").asText());
        assertEquals("/adfs/oauth2/token", issued.path("path").asText());
    }

    @Test
    void assessThroughSignInReportsWhatItReportsOverPlainHttp() throws Exception {
        CliRun tls = CliRun.of(command("assess-app", SECRET_VAR, true,
                "assess", "--output", "json", "--probe-guest"));
        assertEquals(3, tls.exitCode(), tls.err());
        List<String> trail = signInTrail("assess-app");
        assertEquals("token:issued client=assess-app", trail.get(0), trail.toString());
        assertTrue(trail.size() > 5 && trail.subList(1, trail.size()).stream().allMatch(c -> c.endsWith(" bearer:valid")),
                trail.toString());
        assertTrue(trail.contains("POST bearer:valid"), "the guest probes ran through Run Command: " + trail);

        try (SandboxServer plain = SandboxServer.start(fleet("/assess/fleet.json"), 0)) {
            CliRun http = CliRun.of("assess", "--endpoint", plain.endpoint(),
                    "--subscription", SUB, "--output", "json", "--probe-guest");
            assertEquals(3, http.exitCode(), http.err());
            assertEquals(verdicts(http.out()), verdicts(tls.out()));
        }
        assertEquals("READY", verdicts(tls.out()).stream().filter(v -> v.startsWith("web01=")).findFirst().orElseThrow()
                .substring("web01=".length()));
    }

    static List<String> verdicts(String report) throws Exception {
        return StreamSupport.stream(JSON.readTree(report).path("vms").spliterator(), false)
                .map(vm -> vm.path("name").asText() + "=" + vm.path("verdict").asText()).sorted().toList();
    }

    @Test
    void aWrongSecretIsOneClearLineAndExitOne() throws Exception {
        CliRun r = CliRun.of(command("wrong-app", WRONG_VAR, true, "discover"));
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("trustlift: error: SignInRefused: "), r.err());
        assertTrue(r.err().contains("AADSTS7000215: Invalid client secret provided."), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains(System.getenv(WRONG_VAR)), "the secret is never printed");
        assertEquals(List.of("token:refused AADSTS7000215 client=wrong-app"), signInTrail("wrong-app"),
                "refused once, not retried, and no ARM call made");
    }

    @Test
    void anUntrustedCertificateNamesTheFix() throws Exception {
        CliRun r = CliRun.of(command("untrusting-app", SECRET_VAR, false, "discover"));
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("the server's certificate is not trusted: pass --ca-cert FILE (the PEM written by"
                + " `trustlift sandbox start --cert-out`) or add it to the JVM trust store"), r.err());
        assertEquals(List.of(), signInTrail("untrusting-app"), "nothing reached the server");
    }

    @Test
    void aSecretVariableThatIsNotSetIsAUsageError() {
        CliRun r = CliRun.of(command("x", "TRUSTLIFT_TEST_UNSET_VARIABLE", true,
                "discover"));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--client-secret-env TRUSTLIFT_TEST_UNSET_VARIABLE"), r.err());
        assertTrue(Stream.of(r.err().split("\n")).noneMatch(l -> l.startsWith("\tat ")), r.err());
    }
}
