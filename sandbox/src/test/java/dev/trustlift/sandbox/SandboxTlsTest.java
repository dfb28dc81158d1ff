package dev.trustlift.sandbox;

import static dev.trustlift.sandbox.ArmClient.API;
import static dev.trustlift.sandbox.ArmClient.SUB;
import static dev.trustlift.sandbox.ArmClient.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustlift.sandbox.tls.SandboxTls;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox with --tls: HTTPS, the AD FS authority, the bearer gate on ARM and the call log. */
class SandboxTlsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "tls-test-secret";
    SandboxServer server;
    HttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = SandboxServer.start(Fleets.load("rules.json"), null, 0, SandboxServer.DEFAULT_PAGE_SIZE,
                SandboxTls.on(SECRET));
        client = TrustingClient.of(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void armNeedsATokenFromTheAuthorityAndTheCallLogSaysWhoHadOne() throws Exception {
        assertTrue(server.endpoint().startsWith("https://127.0.0.1:"), server.endpoint());
        assertEquals(server.endpoint() + "adfs", server.authorityHost());
        HttpResponse<String> anonymous = send("GET", "/subscriptions?api-version=2022-12-01", null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("AuthenticationFailed", JSON.readTree(anonymous.body()).at("/error/code").asText());

        String token = token("my-app", SECRET);
        HttpResponse<String> subscriptions = send("GET", "/subscriptions?api-version=2022-12-01", token, null);
        assertEquals(200, subscriptions.statusCode(), subscriptions.body());
        List<String> ids = StreamSupport.stream(JSON.readTree(subscriptions.body()).path("value").spliterator(), false)
                .map(s -> s.path("subscriptionId").asText()).toList();
        assertEquals(List.of(SUB, ArmClient.SUB_B), ids);
        // ARM lists the subscriptions of the tenant the caller signed in to: the token's own tid.
        String tid = JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("tid").asText();
        assertTrue(!tid.isEmpty(), "the token carries a tenant");
        JSON.readTree(subscriptions.body()).path("value")
                .forEach(s -> assertEquals(tid, s.path("tenantId").asText(), s.toString()));
        HttpResponse<String> one = send("GET", "/subscriptions/" + SUB + "?api-version=2022-12-01", token, null);
        assertEquals(SUB, JSON.readTree(one.body()).path("subscriptionId").asText());

        List<JsonNode> calls = callLog();
        assertEquals(List.of("bearer:AuthenticationFailed", "token:issued client=my-app aud=https://management.azure.com/",
                "bearer:valid", "bearer:valid"), calls.stream().map(c -> c.path("signIn").asText()).toList());
        assertEquals(List.of(401, 200, 200, 200), calls.stream().map(c -> c.path("status").asInt()).toList());
    }

    @Test
    void aWrongSecretIsRefusedAndLoggedWithoutTheSecret() throws Exception {
        HttpResponse<String> refused = tokenResponse("my-app", "not-the-secret");
        assertEquals(401, refused.statusCode());
        assertEquals("invalid_client", JSON.readTree(refused.body()).path("error").asText());
        JsonNode call = callLog().get(0);
        assertEquals("token:refused AADSTS7000215 client=my-app", call.path("signIn").asText());
        assertTrue(!callLogText().contains("not-the-secret"));
    }

    @Test
    void theControlEndpointsStayOpenAndPlainHttpIsUnchangedWithoutTls() throws Exception {
        assertEquals(200, send("GET", "/_sandbox/state?vm=web01", null, null).statusCode());
        try (SandboxServer plain = SandboxServer.start(Fleets.load("rules.json"), 0)) {
            assertTrue(plain.endpoint().startsWith("http://"));
            assertNull(plain.certificatePem());
            ArmClient arm = new ArmClient(plain.endpoint());
            assertEquals(200, arm.get("/subscriptions?api-version=2022-12-01").status());
            assertTrue(arm.get("/_sandbox/calls").json().at("/calls/0").path("signIn").isMissingNode());
        }
    }

    @Test
    void aFullModelPutFollowsTheTrustedLaunchRulesExactlyAsPatch() throws Exception {
        String token = token("my-app", SECRET);
        for (String method : List.of("PATCH", "PUT")) {
            server.reset();
            // web01 runs: refused with the same status and code either way, nothing changed.
            HttpResponse<String> running = send(method, vm("rg-app", "web01") + "?" + API, token,
                    withTrustedLaunch(method, "web01", token));
            assertEquals(409, running.statusCode(), method + ": " + running.body());
            assertEquals("OperationNotAllowed", JSON.readTree(running.body()).at("/error/code").asText(), method);
            assertEquals("Standard", truth("web01").path("securityType").asText(), method);
            // web02 is deallocated: accepted, and the OS disk becomes V2.
            HttpResponse<String> deallocated = send(method, vm("rg-app", "web02") + "?" + API, token,
                    withTrustedLaunch(method, "web02", token));
            assertEquals(200, deallocated.statusCode(), method + ": " + deallocated.body());
            await(deallocated.headers().firstValue("Azure-AsyncOperation").orElseThrow(), token);
            assertEquals("TrustedLaunch", truth("web02").path("securityType").asText(), method);
            assertEquals("V2", truth("web02").at("/osDisk/hyperVGeneration").asText(), method);
        }
    }

    @Test
    void whatOtherArmClientsRelyOnWorksOverHttpsWithTokens() throws Exception {
        String token = token("other-client", SECRET);
        for (String version : List.of("2020-06-01", "2023-03-01", "2024-07-01-preview")) {
            HttpResponse<String> get = send("GET", vm("rg-app", "web01") + "?api-version=" + version
                    + "&$expand=instanceView", token, null);
            assertEquals(200, get.statusCode(), version + ": " + get.body());
            assertEquals("PowerState/running", JSON.readTree(get.body()).at("/properties/instanceView/statuses/1/code")
                    .asText(), get.body());
        }
        String body = "{\"commandId\":\"RunPowerShellScript\",\"script\":[\"MBR2GPT /validate /allowFullOS\"]}";
        HttpResponse<String> run = send("POST", vm("rg-app", "web01") + "/runCommand?" + API, token, body);
        assertEquals(202, run.statusCode(), run.body());
        String async = run.headers().firstValue("Azure-AsyncOperation").orElseThrow();
        String location = run.headers().firstValue("Location").orElseThrow();
        assertTrue(async.startsWith(server.endpoint()) && location.startsWith(server.endpoint()), async + " " + location);
        await(async, token);
        JsonNode fromLocation = JSON.readTree(send("GET", location, token, null).body());
        JsonNode fromStatus = JSON.readTree(send("GET", async, token, null).body()).at("/properties/output");
        assertEquals("ComponentStatus/StdOut/succeeded", fromLocation.at("/value/0/code").asText(), fromLocation.toString());
        assertTrue(fromLocation.at("/value/0/message").asText().contains("MBR2GPT: Validation completed successfully"));
        assertEquals(fromLocation, fromStatus, "the async status document carries the same output");
        assertTrue(callLog().stream().filter(c -> !c.path("path").asText().startsWith("/_sandbox")
                && !c.path("path").asText().startsWith("/adfs")).allMatch(c -> c.path("signIn").asText()
                .equals("bearer:valid")));
    }

    /** PATCH sends the change alone; PUT sends the whole model as GET returned it, with the change. */
    private String withTrustedLaunch(String method, String name, String token) throws Exception {
        ObjectNode model = method.equals("PUT")
                ? (ObjectNode) JSON.readTree(send("GET", vm("rg-app", name) + "?" + API, token, null).body())
                : JSON.createObjectNode();
        ObjectNode security = model.with("properties").putObject("securityProfile");
        security.put("securityType", "TrustedLaunch");
        security.putObject("uefiSettings").put("secureBootEnabled", true).put("vTpmEnabled", true);
        return JSON.writeValueAsString(model);
    }

    private JsonNode truth(String name) throws Exception {
        return JSON.readTree(send("GET", "/_sandbox/state?vm=" + name, null, null).body()).at("/vms/0");
    }

    private void await(String url, String token) throws Exception {
        for (int i = 0; i < 1000; i++) {
            JsonNode status = JSON.readTree(send("GET", url, token, null).body());
            if (!status.path("status").asText().equals("InProgress")) {
                assertEquals("Succeeded", status.path("status").asText(), status.toString());
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("operation did not finish: " + url);
    }

    private String token(String clientId, String secret) throws Exception {
        HttpResponse<String> answer = tokenResponse(clientId, secret);
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body()).path("access_token").asText();
    }

    private HttpResponse<String> tokenResponse(String clientId, String secret) throws Exception {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + URLEncoder.encode(secret, StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode("https://management.azure.com//.default", StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(server.authorityHost() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonNode> callLog() throws Exception {
        return StreamSupport.stream(JSON.readTree(callLogText()).path("calls").spliterator(), false).toList();
    }

    private String callLogText() throws Exception {
        return send("GET", "/_sandbox/calls", null, null).body();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        String url = path.startsWith("https://") ? path : server.endpoint() + path.substring(1);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
