package dev.trustlift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpsServer;
import dev.trustlift.azure.AzureCloudAdapter;
import dev.trustlift.azure.AzureConnection;
import dev.trustlift.azure.ConnectionSettings;
import dev.trustlift.azure.SignInSettings;
import dev.trustlift.core.cloud.CloudException;
import dev.trustlift.core.cloud.CloudScope;
import dev.trustlift.core.cloud.Vm;
import dev.trustlift.sandbox.identity.AdfsEndpoints;
import dev.trustlift.sandbox.identity.BearerTokenGate;
import dev.trustlift.sandbox.identity.TokenAuthority;
import dev.trustlift.sandbox.tls.SelfSignedCertificate;
import dev.trustlift.sandbox.tls.ServerTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter's production credential path (azure-identity, the SDK's own bearer policy) against
 * the sandbox's HTTPS, AD FS authority and bearer gate, with a one-route ARM behind the gate.
 */
class SignInPathTest {
    static final String SUB = "22222222-2222-2222-2222-222222222222";
    static final String SECRET = "correct horse";
    static final String VM_LIST = "{\"value\":[{\"id\":\"/subscriptions/" + SUB + "/resourceGroups/rg/providers"
            + "/Microsoft.Compute/virtualMachines/vm1\",\"name\":\"vm1\",\"type\":\"Microsoft.Compute/virtualMachines\","
            + "\"location\":\"westeurope\",\"properties\":{\"hardwareProfile\":{\"vmSize\":\"Standard_D2s_v3\"},"
            + "\"storageProfile\":{\"osDisk\":{\"osType\":\"Linux\",\"name\":\"vm1-os\"}},"
            + "\"provisioningState\":\"Succeeded\"}}]}";

    @TempDir
    static Path dir;
    static HttpsServer server;
    static Path pem;
    static final List<AdfsEndpoints.TokenGrant> grants = new CopyOnWriteArrayList<>();
    static final List<String> armCalls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ServerTls tls = new ServerTls(SelfSignedCertificate.forLoopback(Instant.now()));
        pem = dir.resolve("sandbox.pem");
        tls.certificate().writeCertificatePem(pem);
        TokenAuthority authority = new TokenAuthority(tls.certificate().keyPair(), tls.certificate().certificate(),
                Clock.systemUTC(), TokenAuthority.DEFAULT_LIFETIME, List.of());
        server = tls.newServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.createContext("/adfs/", new AdfsEndpoints(authority, SECRET, Clock.systemUTC(), grants::add));
        HttpContext arm = server.createContext("/subscriptions/", exchange -> {
            TokenAuthority.BearerCheck check = (TokenAuthority.BearerCheck) exchange.getAttribute(
                    BearerTokenGate.CHECK_ATTRIBUTE);
            armCalls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " bearer="
                    + check.valid() + " aud=" + check.audience());
            byte[] body = VM_LIST.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        arm.getFilters().add(new BearerTokenGate(authority));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void clear() {
        grants.clear();
        armCalls.clear();
    }

    static AzureCloudAdapter adapter(String secret, Path caCert) {
        String base = "https://127.0.0.1:" + server.getAddress().getPort();
        SignInSettings signIn = SignInSettings.resolve(Map.of(
                "AZURE_TENANT_ID", TokenAuthority.SANDBOX_TENANT_ID,
                "AZURE_CLIENT_ID", "trustlift-tests",
                "AZURE_CLIENT_SECRET", secret,
                "AZURE_AUTHORITY_HOST", base + "/adfs"), null, null, null, null, caCert);
        return new AzureCloudAdapter(AzureConnection.open(
                ConnectionSettings.endpoint(URI.create(base), false).withSignIn(signIn)));
    }

    @Test
    void theAdapterSignsInWithTheSecretAndSendsTheTokenOnEveryArmCall() {
        List<Vm> vms = adapter(SECRET, pem).listVms(CloudScope.of(List.of(SUB), null));
        assertEquals(List.of("vm1"), vms.stream().map(vm -> vm.ref().name()).toList());
        assertEquals(1, grants.size(), grants.toString());
        assertTrue(grants.get(0).granted());
        assertEquals("trustlift-tests", grants.get(0).clientId());
        assertFalse(armCalls.isEmpty());
        assertTrue(armCalls.stream().allMatch(c -> c.contains("bearer=true")), armCalls.toString());
    }

    @Test
    void aWrongSecretIsOneLineNamingTheAadstsCode() {
        CloudException e = assertThrows(CloudException.class,
                () -> adapter("wrong", pem).listVms(CloudScope.of(List.of(SUB), null)));
        assertEquals("SignInRefused", e.code());
        assertTrue(e.getMessage().contains("AADSTS7000215: Invalid client secret provided."), e.getMessage());
        assertTrue(e.getMessage().contains("AZURE_CLIENT_SECRET"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(armCalls.isEmpty(), "no ARM call without a token: " + armCalls);
        assertEquals(1, grants.size(), "a refused sign-in is not retried: " + grants);
    }

    @Test
    void anUntrustedCertificateNamesTheFix() {
        CloudException e = assertThrows(CloudException.class,
                () -> adapter(SECRET, null).listVms(CloudScope.of(List.of(SUB), null)));
        assertEquals("UntrustedCertificate", e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("pass --ca-cert FILE"), e.getMessage());
        assertTrue(grants.isEmpty() && armCalls.isEmpty());
    }
}
