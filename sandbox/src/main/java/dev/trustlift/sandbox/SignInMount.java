package dev.trustlift.sandbox;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import dev.trustlift.sandbox.arm.CloudMetadataEndpoints;
import dev.trustlift.sandbox.identity.AdfsEndpoints;
import dev.trustlift.sandbox.identity.ArmAudiences;
import dev.trustlift.sandbox.identity.BearerTokenGate;
import dev.trustlift.sandbox.identity.TokenAuthority;
import dev.trustlift.sandbox.state.CallLog;
import dev.trustlift.sandbox.tls.SandboxTls;
import dev.trustlift.sandbox.tls.ServerTls;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code --tls} layout of the sandbox's HTTPS server: the AD FS authority at {@code /adfs/},
 * ARM behind the bearer-token gate at {@code /} (accepting the {@code audiences} that the cloud
 * metadata document lists; the document itself comes ahead of the gate), and the test endpoints
 * at {@code /_sandbox/} left open (they are the tests' view of the truth, not part of ARM). Token
 * requests and refused ARM calls go to the call log beside the ARM calls the dispatcher logs.
 */
final class SignInMount {
    private SignInMount() {
    }

    static TokenAuthority mount(HttpsServer server, ServerTls tls, SandboxTls settings, ArmAudiences audiences,
            CloudMetadataEndpoints metadata, ArmDispatcher arm, Consumer<CallLog.Call> calls) {
        Clock clock = Clock.systemUTC();
        TokenAuthority authority = new TokenAuthority(tls.certificate().keyPair(), tls.certificate().certificate(),
                clock, TokenAuthority.DEFAULT_LIFETIME, audiences);
        server.createContext(AdfsEndpoints.ROOT + "/", new AdfsEndpoints(authority, settings.clientSecret(), clock,
                grant -> calls.accept(new CallLog.Call(Instant.now().toString(), "POST",
                        AdfsEndpoints.ROOT + "/oauth2/token", null, grant.status(), false, null,
                        grant.granted() ? "token:issued client=" + grant.clientId() + " aud=" + grant.audience()
                                : "token:refused " + grant.error() + " client=" + grant.clientId()))));
        List<Filter> filters = server.createContext("/", arm).getFilters();
        // The metadata document is read before signing in, so it comes ahead of the gate.
        filters.add(metadata);
        filters.add(new BearerTokenGate(authority, (exchange, check) -> calls.accept(refused(exchange, check))));
        server.createContext("/_sandbox/", arm);
        return authority;
    }

    private static CallLog.Call refused(HttpExchange exchange, TokenAuthority.BearerCheck check) {
        return new CallLog.Call(Instant.now().toString(), exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), 401,
                exchange.getRequestHeaders().containsKey("Authorization"),
                exchange.getResponseHeaders().getFirst("x-ms-request-id"), BearerTokenGate.logEntry(exchange));
    }
}
