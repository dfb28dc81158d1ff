package dev.trustlift.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustlift.sandbox.tls.SandboxTls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARM's cloud metadata document, {@code GET /metadata/endpoints}, on the running sandbox: what
 * {@code az cloud register --endpoint-resource-manager URL} reads before it has a token, and
 * audiences that the token endpoint and ARM's bearer check then honour.
 */
class CloudMetadataTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "metadata-test-secret";
    static SandboxServer tls;
    static SandboxServer plain;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        tls = SandboxServer.start(Fleets.load("rules.json"), null, 0, SandboxServer.DEFAULT_PAGE_SIZE,
                SandboxTls.on(SECRET));
        plain = SandboxServer.start(Fleets.load("rules.json"), 0);
        client = TrustingClient.of(tls);
    }

    @AfterAll
    static void stop() {
        tls.close();
        plain.close();
    }

    @Test
    void theOriginalDocumentIsServedWithoutATokenAndPointsAtTheAdfsAuthority() throws Exception {
        HttpResponse<String> answer = get(tls.endpoint() + "metadata/endpoints?api-version=2015-01-01", null);
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode doc = JSON.readTree(answer.body());
        assertEquals(List.of("galleryEndpoint", "graphEndpoint", "graphAudience", "portalEndpoint", "resourceManager",
                "authentication"), names(doc));
        String base = "https://127.0.0.1:" + tls.port();
        assertEquals(base + "/adfs", doc.at("/authentication/loginEndpoint").asText());
        assertEquals(tls.authorityHost(), doc.at("/authentication/loginEndpoint").asText());
        assertEquals(tls.endpoint(), doc.path("resourceManager").asText());
        assertEquals(List.of(base + "/", "https://management.core.windows.net/", "https://management.azure.com/"),
                texts(doc.at("/authentication/audiences")));
        assertEquals("adfs", doc.at("/authentication/tenant").asText());
        assertEquals("ADFS", doc.at("/authentication/identityProvider").asText());
        for (String key : List.of("galleryEndpoint", "graphEndpoint", "graphAudience", "portalEndpoint")) {
            assertTrue(doc.path(key).asText().startsWith(base + "/"), key + " = " + doc.path(key));
        }
        assertEquals(doc, JSON.readTree(get(tls.endpoint() + "metadata/endpoints?api-version=1.0", null).body()),
                "1.0 is Azure Stack Hub's form of the same request");
    }

    @Test
    void azAsksWithADoubledSlashWhenTheEndpointEndsInOneAndGetsTheSameDocument() throws Exception {
        // az joins "--endpoint-resource-manager https://host:port/" and "/metadata/endpoints?...".
        HttpResponse<String> answer = get(tls.endpoint() + "/metadata/endpoints?api-version=2015-01-01", null);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(tls.authorityHost(), JSON.readTree(answer.body()).at("/authentication/loginEndpoint").asText());
    }

    @Test
    void theNewerApiVersionsGiveAnArrayOfCloudsWithTheSandboxAlone() throws Exception {
        for (String version : List.of("2019-05-01", "2022-09-01")) {
            JsonNode clouds = JSON.readTree(get(tls.endpoint() + "metadata/endpoints?api-version=" + version, null)
                    .body());
            assertTrue(clouds.isArray() && clouds.size() == 1, version + ": " + clouds);
            JsonNode cloud = clouds.get(0);
            assertEquals("trustlift-sandbox", cloud.path("name").asText());
            assertEquals(tls.endpoint(), cloud.path("resourceManager").asText());
            assertEquals(tls.authorityHost(), cloud.at("/authentication/loginEndpoint").asText());
            assertEquals(tls.endpoint(), cloud.at("/authentication/audiences/0").asText());
            for (String key : List.of("portal", "graph", "graphAudience", "gallery", "batch", "media", "sqlManagement",
                    "activeDirectoryDataLake", "vmImageAliasDoc")) {
                assertTrue(cloud.path(key).isTextual(), version + " lacks " + key);
            }
            for (String suffix : List.of("storage", "keyVaultDns", "sqlServerHostname", "acrLoginServer")) {
                assertTrue(cloud.at("/suffixes/" + suffix).asText().endsWith(".invalid"),
                        "no real service is named: " + suffix + " = " + cloud.at("/suffixes/" + suffix));
            }
        }
    }

    @Test
    void aMissingOrUnknownApiVersionGetsArmsErrors() throws Exception {
        HttpResponse<String> missing = get(tls.endpoint() + "metadata/endpoints", null);
        assertEquals(400, missing.statusCode());
        assertEquals("MissingApiVersionParameter", JSON.readTree(missing.body()).at("/error/code").asText());
        HttpResponse<String> unknown = get(tls.endpoint() + "metadata/endpoints?api-version=2016-01-01", null);
        assertEquals(400, unknown.statusCode());
        JsonNode error = JSON.readTree(unknown.body()).path("error");
        assertEquals("InvalidApiVersionParameter", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("'2016-01-01'")
                && error.path("message").asText().contains("2015-01-01"), error.toString());
        assertEquals(404, get(tls.endpoint() + "metadata/other?api-version=2015-01-01", null).statusCode());
    }

    @Test
    void overPlainHttpTheSameDocumentNamesTheHttpAddress() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(plain.endpoint() + "metadata/endpoints?api-version=2015-01-01")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode doc = JSON.readTree(answer.body());
        assertEquals(plain.endpoint(), doc.path("resourceManager").asText());
        assertEquals(plain.endpoint() + "adfs", doc.at("/authentication/loginEndpoint").asText());
        assertEquals(plain.endpoint(), doc.at("/authentication/audiences/0").asText());
        ArmClient arm = new ArmClient(plain.endpoint());
        assertEquals(200, arm.get("/subscriptions?api-version=2022-12-01").status(), "ARM still answers behind it");
    }

    @Test
    void everyListedAudienceGetsATokenThatArmAcceptsAndArmStaysGatedForTheRest() throws Exception {
        JsonNode doc = JSON.readTree(get(tls.endpoint() + "metadata/endpoints?api-version=2015-01-01", null).body());
        List<String> audiences = texts(doc.at("/authentication/audiences"));
        assertEquals(3, audiences.size());
        List<String> forms = new ArrayList<>();
        for (String audience : audiences) {
            forms.add(audience);
            forms.add(audience.substring(0, audience.length() - 1));
        }
        for (String resource : forms) {
            HttpResponse<String> issued = token(resource);
            assertEquals(200, issued.statusCode(), resource + ": " + issued.body());
            String token = JSON.readTree(issued.body()).path("access_token").asText();
            HttpResponse<String> arm = get(tls.endpoint() + "subscriptions?api-version=2022-12-01", token);
            assertEquals(200, arm.statusCode(), resource + ": " + arm.body());
        }
        HttpResponse<String> vault = token("https://vault.azure.net");
        assertEquals(400, vault.statusCode(), vault.body());
        JsonNode refusal = JSON.readTree(vault.body());
        assertEquals("invalid_resource", refusal.path("error").asText());
        assertEquals(500011, refusal.at("/error_codes/0").asInt());
        assertTrue(refusal.path("error_description").asText().startsWith(
                "AADSTS500011: The resource principal named https://vault.azure.net was not found"), refusal.toString());

        assertEquals(401, get(tls.endpoint() + "subscriptions?api-version=2022-12-01", null).statusCode(),
                "the metadata filter lets other paths reach the bearer gate");
        List<JsonNode> calls = StreamSupport.stream(JSON.readTree(get(tls.endpoint() + "_sandbox/calls", null).body())
                .path("calls").spliterator(), false).toList();
        assertTrue(calls.stream().anyMatch(c -> c.path("path").asText().equals("/metadata/endpoints")
                && c.path("status").asInt() == 200 && !c.path("authorization").asBoolean()), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.path("signIn").asText()
                .equals("token:refused AADSTS500011 client=metadata-test") && c.path("status").asInt() == 400),
                calls.toString());
        assertFalse(calls.stream().anyMatch(c -> c.path("signIn").asText().contains("aud=https://vault.azure.net")));
    }

    private static HttpResponse<String> token(String resource) throws Exception {
        String form = "grant_type=client_credentials&client_id=metadata-test&client_secret=" + SECRET
                + "&resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(tls.authorityHost() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
