package dev.trustlift.sandbox.identity;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;

/**
 * Lets an ARM call through only with a valid bearer token from the sandbox's authority; otherwise
 * answers 401 with ARM's error body and a {@code WWW-Authenticate} challenge naming the authority.
 * Either way the check's result is left on the exchange under {@link #CHECK_ATTRIBUTE} for the
 * call log (whether the call carried a valid token, and for whom).
 */
public final class BearerTokenGate extends Filter {
    public static final String CHECK_ATTRIBUTE = "trustlift.bearer-check";

    private final TokenAuthority authority;

    public BearerTokenGate(TokenAuthority authority) {
        this.authority = authority;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        TokenAuthority.BearerCheck check = authority.check(exchange.getRequestHeaders().getFirst("Authorization"));
        exchange.setAttribute(CHECK_ATTRIBUTE, check);
        if (check.valid()) {
            chain.doFilter(exchange);
            return;
        }
        exchange.getRequestBody().readAllBytes();
        String authorizationUri = AdfsEndpoints.baseUrl(exchange) + AdfsEndpoints.ROOT;
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer authorization_uri=\"" + authorizationUri
                + "\", error=\"invalid_token\", error_description=\"" + check.message().replace("\"", "'") + "\"");
        exchange.getResponseHeaders().set("x-ms-failure-cause", "gateway");
        JsonReply.send(exchange, 401, Map.of("error", Map.of("code", check.errorCode(), "message", check.message())));
    }

    @Override
    public String description() {
        return "401 for ARM calls without a valid bearer token from the sandbox's authority";
    }
}
