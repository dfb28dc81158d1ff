package dev.trustlift.sandbox.identity;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Lets an ARM call through only with a valid bearer token from the sandbox's authority; otherwise
 * answers 401 with ARM's error body and a {@code WWW-Authenticate} challenge naming the authority.
 * Either way the check's result is left on the exchange under {@link #CHECK_ATTRIBUTE} for the
 * call log (whether the call carried a valid token, and for whom).
 */
public final class BearerTokenGate extends Filter {
    public static final String CHECK_ATTRIBUTE = "trustlift.bearer-check";

    private final TokenAuthority authority;
    private final BiConsumer<HttpExchange, TokenAuthority.BearerCheck> refusals;

    public BearerTokenGate(TokenAuthority authority) {
        this(authority, (exchange, check) -> { });
    }

    /** @param refusals told of every refused call just before its 401 is sent (for the call log) */
    public BearerTokenGate(TokenAuthority authority, BiConsumer<HttpExchange, TokenAuthority.BearerCheck> refusals) {
        this.authority = authority;
        this.refusals = refusals;
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
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("x-ms-request-id", requestId);
        exchange.getResponseHeaders().set("x-ms-correlation-request-id", requestId);
        // Logged before answering, so a client that has its 401 finds it in the call log.
        refusals.accept(exchange, check);
        JsonReply.send(exchange, 401, Map.of("error", Map.of("code", check.errorCode(), "message", check.message())));
    }

    /** The call log's sign-in entry for an exchange: {@code bearer:valid}, {@code bearer:<code>}, or null without a gate. */
    public static String logEntry(HttpExchange exchange) {
        return exchange.getAttribute(CHECK_ATTRIBUTE) instanceof TokenAuthority.BearerCheck check
                ? "bearer:" + (check.valid() ? "valid" : check.errorCode()) : null;
    }

    @Override
    public String description() {
        return "401 for ARM calls without a valid bearer token from the sandbox's authority";
    }
}
