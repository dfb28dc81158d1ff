package dev.trustlift.sandbox.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audience rule: ARM accepts a token for a listed audience (either slash form) and refuses the rest. */
class ArmAudiencesTest {
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
    void aPrivateCloudListsItsOwnAddressFirstThenPublicAzuresAudiences() {
        ArmAudiences audiences = ArmAudiences.forEndpoint("https://127.0.0.1:8443");
        assertEquals(List.of("https://127.0.0.1:8443/", "https://management.core.windows.net/",
                "https://management.azure.com/"), audiences.listed());
        assertEquals(List.of("https://127.0.0.1:8443/", "https://127.0.0.1:8443",
                "https://management.core.windows.net/", "https://management.core.windows.net",
                "https://management.azure.com/", "https://management.azure.com"), audiences.accepted());
        assertTrue(audiences.accepts("https://127.0.0.1:8443"));
        assertFalse(audiences.accepts("https://127.0.0.1:8443//"));
        assertFalse(audiences.accepts("https://management.azure.com/extra"));
        assertFalse(audiences.accepts(null));
        assertEquals(ArmAudiences.PUBLIC_CLOUD, ArmAudiences.publicCloud().listed());
    }

    @Test
    void aTokenForAListedAudienceOpensArm() throws Exception {
        for (String audience : List.of("https://management.azure.com/", "https://management.core.windows.net")) {
            String token = fixture.authority.issue("iss", "app", audience).compact();
            HttpResponse<String> answer = armGet(token);
            assertEquals(200, answer.statusCode(), audience + ": " + answer.body());
        }
    }

    @Test
    void aTokenForAnUnlistedAudienceGetsArms401NamingTheAllowedOnes() throws Exception {
        // Signed by the sandbox's own key, so only the audience is wrong.
        String token = fixture.authority.issue("iss", "app", "https://graph.windows.net/").compact();
        HttpResponse<String> answer = armGet(token);
        assertEquals(401, answer.statusCode());
        JsonNode error = JSON.readTree(answer.body()).path("error");
        assertEquals("InvalidAuthenticationTokenAudience", error.path("code").asText());
        assertEquals("The access token has been obtained for wrong audience or resource 'https://graph.windows.net/'."
                + " It should exactly match with one of the allowed audiences 'https://management.core.windows.net/',"
                + "'https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.",
                error.path("message").asText());
        assertTrue(answer.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
    }

    @Test
    void theTokenEndpointIssuesOnlyForListedAudiences() throws Exception {
        HttpResponse<String> listed = tokenFor("https%3A%2F%2Fmanagement.azure.com");
        assertEquals(200, listed.statusCode(), listed.body());
        HttpResponse<String> unlisted = tokenFor("https%3A%2F%2Fgraph.windows.net%2F");
        assertEquals(400, unlisted.statusCode(), unlisted.body());
        JsonNode body = JSON.readTree(unlisted.body());
        assertEquals("invalid_resource", body.path("error").asText());
        assertEquals(500011, body.at("/error_codes/0").asInt());
        assertEquals("AADSTS500011", fixture.grants.get(fixture.grants.size() - 1).error());
    }

    private static HttpResponse<String> tokenFor(String encodedResource) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/adfs/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=a&client_secret="
                        + IdentityFixture.SECRET + "&resource=" + encodedResource)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> armGet(String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(fixture.base() + "/subscriptions?api-version=2022-12-01"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
