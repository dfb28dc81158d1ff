package dev.trustlift.sandbox.identity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A local sign-in authority shaped like AD FS, mounted at {@code /adfs/}: the OpenID metadata
 * document, the key set and the token endpoint with the client credentials grant. MSAL treats an
 * authority whose first path segment is {@code adfs} as AD FS and skips Entra instance discovery,
 * so azure-identity signs in here with {@code AZURE_AUTHORITY_HOST=https://127.0.0.1:PORT/adfs}.
 * Any client id is accepted with the configured secret; errors carry Entra's AADSTS codes.
 */
public final class AdfsEndpoints implements HttpHandler {
    public static final String ROOT = "/adfs";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox";
    static final String TOKEN_PATH = ROOT + "/oauth2/token";
    static final String METADATA_PATH = ROOT + "/.well-known/openid-configuration";
    static final String KEYS_PATH = ROOT + "/discovery/keys";

    /** One request to the token endpoint and the status it got, for the sandbox's call log; never holds the secret. */
    public record TokenGrant(String clientId, String audience, boolean granted, String error, int status) {}

    private final TokenAuthority authority;
    private final byte[] clientSecret;
    private final Clock clock;
    private final Consumer<TokenGrant> grants;

    public AdfsEndpoints(TokenAuthority authority, String clientSecret, Clock clock, Consumer<TokenGrant> grants) {
        this.authority = authority;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.grants = grants;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        String method = exchange.getRequestMethod();
        if (path.equals(METADATA_PATH) && method.equals("GET")) {
            JsonReply.send(exchange, 200, metadata(baseUrl(exchange)));
        } else if (path.equals(KEYS_PATH) && method.equals("GET")) {
            JsonReply.send(exchange, 200, authority.keySet());
        } else if (path.equals(TOKEN_PATH) && method.equals("POST")) {
            token(exchange);
        } else {
            JsonReply.send(exchange, 404, error("invalid_request", 900561,
                    "The endpoint only accepts GET " + METADATA_PATH + ", GET " + KEYS_PATH + " and POST "
                            + TOKEN_PATH + "; got " + method + " " + path + "."));
        }
    }

    /** The OpenID Provider metadata, with the fields and values AD FS 2019 publishes. */
    static Map<String, Object> metadata(String base) {
        String adfs = base + ROOT;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", adfs);
        doc.put("authorization_endpoint", adfs + "/oauth2/authorize/");
        doc.put("token_endpoint", adfs + "/oauth2/token/");
        doc.put("jwks_uri", adfs + "/discovery/keys");
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        doc.put("response_types_supported", List.of("code", "id_token", "code id_token", "token"));
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("grant_types_supported", List.of("client_credentials"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "user_impersonation"));
        doc.put("id_token_signing_alg_values_supported", List.of(JsonWebToken.ALGORITHM));
        doc.put("token_endpoint_auth_signing_alg_values_supported", List.of(JsonWebToken.ALGORITHM));
        doc.put("access_token_issuer", adfs.replaceFirst("^https:", "http:") + "/services/trust");
        doc.put("claims_supported", List.of("aud", "iss", "iat", "exp", "nbf", "sub", "tid", "oid", "appid"));
        doc.put("userinfo_endpoint", adfs + "/userinfo");
        doc.put("end_session_endpoint", adfs + "/oauth2/logout");
        doc.put("device_authorization_endpoint", adfs + "/oauth2/devicecode");
        doc.put("capabilities", List.of());
        return doc;
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        String clientId = form.get("client_id");
        String grantType = form.get("grant_type");
        String audience = audience(form);
        if (!"client_credentials".equals(grantType)) {
            refuse(exchange, 400, clientId, audience, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grantType
                            + "'. The sandbox supports client_credentials only.");
        } else if (clientId == null || clientId.isBlank()) {
            refuse(exchange, 400, clientId, audience, "invalid_request", 900144,
                    "The request body must contain the following parameter: 'client_id'.");
        } else if (audience == null) {
            refuse(exchange, 400, clientId, audience, "invalid_request", 900144,
                    "The request body must contain the following parameter: 'scope' (or 'resource').");
        } else if (!authority.audiences().accepts(audience)) {
            // Entra's answer for a resource the tenant has no service principal for.
            refuse(exchange, 400, clientId, audience, "invalid_resource", 500011,
                    "The resource principal named " + audience + " was not found in the tenant named adfs. This can"
                            + " happen if the application has not been installed by the administrator of the tenant."
                            + " The sandbox issues tokens for the audiences of its /metadata/endpoints document: "
                            + String.join(", ", authority.audiences().listed()) + ".");
        } else if (!secretMatches(form.get("client_secret"))) {
            refuse(exchange, 401, clientId, audience, "invalid_client", 7000215,
                    "Invalid client secret provided. Ensure the secret being sent in the request is the client"
                            + " secret value, not the client secret ID, for a secret added to app '" + clientId
                            + "'. The sandbox's secret is 'sandbox', or the value of the variable named by `sandbox start --client-secret-env`.");
        } else {
            TokenAuthority.AccessToken token = authority.issue(
                    (String) metadata(baseUrl(exchange)).get("access_token_issuer"), clientId, audience);
            grants.accept(new TokenGrant(clientId, audience, true, null, 200));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token_type", "Bearer");
            body.put("expires_in", token.expiresInSeconds());
            body.put("ext_expires_in", token.expiresInSeconds());
            body.put("resource", audience);
            body.put("access_token", token.compact());
            JsonReply.send(exchange, 200, body);
        }
    }

    private void refuse(HttpExchange exchange, int status, String clientId, String audience, String error, int code,
            String description) throws IOException {
        grants.accept(new TokenGrant(clientId, audience, false, "AADSTS" + code, status));
        JsonReply.send(exchange, status, error(error, code, description));
    }

    private Map<String, Object> error(String error, int code, String description) {
        String traceId = UUID.randomUUID().toString();
        String correlationId = UUID.randomUUID().toString();
        String timestamp = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", "AADSTS" + code + ": " + description + "\r\nTrace ID: " + traceId
                + "\r\nCorrelation ID: " + correlationId + "\r\nTimestamp: " + timestamp);
        body.put("error_codes", List.of(code));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return body;
    }

    /**
     * The resource a token is for: v1 {@code resource}, or the v2 {@code scope} whose
     * {@code /.default} suffix is dropped ({@code https://management.azure.com//.default} gives
     * {@code https://management.azure.com/}). OpenID scopes MSAL may add are ignored.
     */
    static String audience(Map<String, String> form) {
        if (form.get("resource") != null && !form.get("resource").isBlank()) {
            return form.get("resource");
        }
        String scopes = form.get("scope");
        if (scopes == null) {
            return null;
        }
        for (String scope : scopes.trim().split("\\s+")) {
            if (!scope.isEmpty() && !List.of("openid", "profile", "offline_access", "email").contains(scope)) {
                return scope.endsWith("/.default") ? scope.substring(0, scope.length() - "/.default".length()) : scope;
            }
        }
        return null;
    }

    private boolean secretMatches(String offered) {
        return offered != null && MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8), clientSecret);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        try (InputStream body = exchange.getRequestBody()) {
            String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(name, value);
            }
        }
        basicCredentials(exchange, form);
        return form;
    }

    /** client_secret_basic: the client id and secret in an Authorization: Basic header. */
    private static void basicCredentials(HttpExchange exchange, Map<String, String> form) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                form.putIfAbsent("client_id", URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8));
                form.putIfAbsent("client_secret", URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException malformed) {
            // Not base64: leave the form as it is; the secret check then refuses the request.
        }
    }

    /** The scheme and authority the client used, so metadata names the address it can reach. */
    public static String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || host.isBlank()) {
            host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
        }
        return (exchange instanceof HttpsExchange ? "https://" : "http://") + host;
    }
}
