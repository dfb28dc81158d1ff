package dev.trustlift.sandbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.util.Configuration;
import com.azure.core.util.ConfigurationBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production sign-in library against the sandbox's AD FS authority: azure-identity (MSAL4J
 * underneath) gets a token with a client secret, and the token opens the gated ARM path.
 */
class AdfsSignInTest {
    static final String ARM_SCOPE = "https://management.azure.com//.default";
    static IdentityFixture fixture;
    static HttpClient trustingClient;

    @BeforeAll
    static void start() throws Exception {
        fixture = new IdentityFixture(Clock.systemUTC());
        trustingClient = new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                .secure(spec -> spec.sslContext(uncheckedSslContext()))).build();
    }

    private static io.netty.handler.ssl.SslContext uncheckedSslContext() {
        try {
            return SslContextBuilder.forClient().trustManager(fixture.tls.certificate().certificate()).build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void clearLogs() {
        fixture.grants.clear();
        fixture.armChecks.clear();
        fixture.unmatched.clear();
    }

    @Test
    void aClientSecretCredentialWithTheAdfsTenantSignsInAndItsTokenOpensArm() throws Exception {
        assertTrue(fixture.unmatched.isEmpty());
        TokenCredential credential = new ClientSecretCredentialBuilder()
                .authorityHost(fixture.base() + "/adfs").tenantId("adfs")
                .clientId("11111111-0000-0000-0000-000000000001").clientSecret(IdentityFixture.SECRET)
                .httpClient(trustingClient).disableInstanceDiscovery().build();
        AccessToken token = credential.getTokenSync(new TokenRequestContext().addScopes(ARM_SCOPE));
        assertTrue(token.getExpiresAt().isAfter(java.time.OffsetDateTime.now().plusMinutes(50)), token.getExpiresAt()
                .toString());
        assertEquals(1, fixture.grants.size(), fixture.grants.toString());
        assertEquals(new AdfsEndpoints.TokenGrant("11111111-0000-0000-0000-000000000001",
                "https://management.azure.com/", true, null, 200), fixture.grants.get(0));

        assertEquals(200, armGet("Bearer " + token.getToken()).statusCode());
        assertTrue(fixture.armChecks.get(0).valid());
    }

    @Test
    void theAzureStackShapeOfHostWithoutAdfsAndTenantAdfsSignsInToo() {
        // Azure Stack Hub's AD FS sign-in: AZURE_AUTHORITY_HOST is the bare host, AZURE_TENANT_ID "adfs".
        TokenCredential credential = new ClientSecretCredentialBuilder()
                .authorityHost(fixture.base()).tenantId("adfs")
                .clientId("app-2").clientSecret(IdentityFixture.SECRET).httpClient(trustingClient).build();
        AccessToken token = credential.getTokenSync(new TokenRequestContext().addScopes(ARM_SCOPE));
        assertTrue(fixture.authority.check("Bearer " + token.getToken()).valid());
        assertEquals(1, fixture.grants.size(), fixture.grants.toString());
        assertEquals(java.util.List.of(), fixture.unmatched, "no request left the AD FS paths");
    }

    @Test
    void theEnvironmentVariablesOfDefaultAzureCredentialSignIn() {
        Configuration environment = new ConfigurationBuilder()
                .putProperty("AZURE_CLIENT_ID", "app-env")
                .putProperty("AZURE_CLIENT_SECRET", IdentityFixture.SECRET)
                .putProperty("AZURE_TENANT_ID", "adfs")
                .putProperty("AZURE_AUTHORITY_HOST", fixture.base() + "/adfs")
                .build();
        AccessToken viaEnvironment = new EnvironmentCredentialBuilder().configuration(environment)
                .httpClient(trustingClient).build().getTokenSync(new TokenRequestContext().addScopes(ARM_SCOPE));
        assertTrue(fixture.authority.check("Bearer " + viaEnvironment.getToken()).valid());
        AccessToken viaDefault = new DefaultAzureCredentialBuilder().configuration(environment)
                .httpClient(trustingClient).build().getTokenSync(new TokenRequestContext().addScopes(ARM_SCOPE));
        assertTrue(fixture.authority.check("Bearer " + viaDefault.getToken()).valid());
        assertEquals(2, fixture.grants.size(), fixture.grants.toString());
        assertTrue(fixture.grants.stream().allMatch(g -> g.clientId().equals("app-env") && g.granted()));
    }

    @Test
    void aWrongSecretIsRefusedWithEntrasInvalidClientCode() {
        TokenCredential credential = new ClientSecretCredentialBuilder()
                .authorityHost(fixture.base() + "/adfs").tenantId("adfs").clientId("app-3").clientSecret("wrong")
                .httpClient(trustingClient).disableInstanceDiscovery().build();
        // The sync path wraps MSAL's MsalServiceException in a RuntimeException; the code is in the message.
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> credential.getTokenSync(new TokenRequestContext().addScopes(ARM_SCOPE)));
        assertTrue(e.getMessage().contains("AADSTS7000215"), e.getMessage());
        assertFalse(fixture.grants.isEmpty());
        assertTrue(fixture.grants.stream().noneMatch(AdfsEndpoints.TokenGrant::granted));
        assertEquals("AADSTS7000215", fixture.grants.get(0).error());
    }

    @Test
    void armWithoutAValidTokenGetsArms401AndAChallengeNamingTheAuthority() throws Exception {
        HttpResponse<String> missing = armGet(null);
        assertEquals(401, missing.statusCode());
        assertTrue(missing.body().contains("\"code\":\"AuthenticationFailed\""), missing.body());
        String challenge = missing.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer authorization_uri=\"https://127.0.0.1:"), challenge);
        assertTrue(challenge.contains("/adfs\""), challenge);

        HttpResponse<String> dummy = armGet("Bearer dummy");
        assertEquals(401, dummy.statusCode());
        assertTrue(dummy.body().contains("\"code\":\"InvalidAuthenticationToken\""), dummy.body());
        assertEquals(2, fixture.armChecks.size());
        assertTrue(fixture.armChecks.stream().noneMatch(TokenAuthority.BearerCheck::valid));
    }

    private static HttpResponse<String> armGet(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(fixture.base() + "/subscriptions?api-version=2022-12-01")).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return java.net.http.HttpClient.newBuilder().sslContext(fixture.trustingClientContext()).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
