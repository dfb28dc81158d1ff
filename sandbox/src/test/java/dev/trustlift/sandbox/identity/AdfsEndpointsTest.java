package dev.trustlift.sandbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AD FS endpoints at the protocol level: metadata, keys and the token endpoint's answers. */
class AdfsEndpointsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static IdentityFixture fixture;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = new IdentityFixture(Clock.systemUTC());
        client = HttpClient.newBuilder().sslContext(fixture.trustingClientContext()).build();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theMetadataNamesTheEndpointsAtTheAddressTheClientUsed() throws Exception {
        JsonNode doc = get("/adfs/.well-known/openid-configuration");
        String adfs = fixture.base() + "/adfs";
        assertEquals(adfs, doc.get("issuer").asText());
        assertEquals(adfs + "/oauth2/token/", doc.get("token_endpoint").asText());
        assertEquals(adfs + "/oauth2/authorize/", doc.get("authorization_endpoint").asText());
        assertEquals(adfs + "/discovery/keys", doc.get("jwks_uri").asText());
        assertTrue(doc.get("grant_types_supported").toString().contains("client_credentials"));
        assertEquals("RS256", get("/adfs/discovery/keys").get("keys").get(0).get("alg").asText());
    }

    @Test
    void theV1ResourceFormAndTheTrailingSlashPathAreServed() throws Exception {
        HttpResponse<String> answer = post("/adfs/oauth2/token/", "grant_type=client_credentials&client_id=a"
                + "&client_secret=" + IdentityFixture.SECRET + "&resource=https%3A%2F%2Fmanagement.core.windows.net%2F",
                Map.of());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("Bearer", body.get("token_type").asText());
        assertTrue(body.get("expires_in").asLong() > 3500);
        assertTrue(body.get("ext_expires_in").isNumber());
        TokenAuthority.BearerCheck check = fixture.authority.check("Bearer " + body.get("access_token").asText());
        assertTrue(check.valid(), check.toString());
        assertEquals("https://management.core.windows.net/", check.audience());
    }

    @Test
    void clientSecretBasicIsAcceptedAsWell() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("app:" + IdentityFixture.SECRET).getBytes());
        HttpResponse<String> answer = post("/adfs/oauth2/token", "grant_type=client_credentials"
                + "&scope=https%3A%2F%2Fmanagement.azure.com%2F%2F.default", Map.of("Authorization", "Basic " + basic));
        assertEquals(200, answer.statusCode(), answer.body());
    }

    @Test
    void refusalsCarryEntrasErrorShape() throws Exception {
        HttpResponse<String> wrong = post("/adfs/oauth2/token", "grant_type=client_credentials&client_id=a"
                + "&client_secret=nope&scope=https%3A%2F%2Fmanagement.azure.com%2F%2F.default", Map.of());
        assertEquals(401, wrong.statusCode());
        JsonNode body = JSON.readTree(wrong.body());
        assertEquals("invalid_client", body.get("error").asText());
        assertTrue(body.get("error_description").asText().startsWith("AADSTS7000215: Invalid client secret provided."));
        assertTrue(body.get("error_description").asText().contains("`sandbox start --client-secret-env`"),
                "points at the flag that exists: " + body);
        assertEquals(7000215, body.get("error_codes").get(0).asInt());
        assertTrue(body.has("trace_id") && body.has("correlation_id") && body.has("timestamp"));
        assertTrue(!wrong.body().contains("nope"), "the offered secret is never echoed");

        HttpResponse<String> grant = post("/adfs/oauth2/token", "grant_type=password&client_id=a", Map.of());
        assertEquals(400, grant.statusCode());
        assertEquals("unsupported_grant_type", JSON.readTree(grant.body()).get("error").asText());

        HttpResponse<String> noScope = post("/adfs/oauth2/token", "grant_type=client_credentials&client_id=a"
                + "&client_secret=" + IdentityFixture.SECRET, Map.of());
        assertEquals(400, noScope.statusCode());
        assertEquals(900144, JSON.readTree(noScope.body()).get("error_codes").get(0).asInt());
    }

    @Test
    void theAudienceComesFromTheDefaultScope() {
        assertEquals("https://management.azure.com/",
                AdfsEndpoints.audience(Map.of("scope", "https://management.azure.com//.default")));
        assertEquals("https://management.azure.com",
                AdfsEndpoints.audience(Map.of("scope", "openid profile https://management.azure.com/.default")));
        assertEquals(null, AdfsEndpoints.audience(Map.of("scope", "openid offline_access")));
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(fixture.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static HttpResponse<String> post(String path, String form, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
