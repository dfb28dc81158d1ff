package dev.trustlift.sandbox.identity;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpsServer;
import dev.trustlift.sandbox.tls.SelfSignedCertificate;
import dev.trustlift.sandbox.tls.ServerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An HTTPS server with the AD FS endpoints and one gated ARM path, as the sandbox mounts them. */
final class IdentityFixture implements AutoCloseable {
    static final String SECRET = "s3cret-for-tests";

    final ServerTls tls;
    final TokenAuthority authority;
    final HttpsServer server;
    final List<AdfsEndpoints.TokenGrant> grants = new CopyOnWriteArrayList<>();
    final List<TokenAuthority.BearerCheck> armChecks = new CopyOnWriteArrayList<>();
    /** Requests outside /adfs and the ARM path: MSAL must not look anywhere else. */
    final List<String> unmatched = new CopyOnWriteArrayList<>();

    IdentityFixture(Clock clock) throws IOException {
        tls = new ServerTls(SelfSignedCertificate.forLoopback(Instant.now()));
        authority = new TokenAuthority(tls.certificate().keyPair(), tls.certificate().certificate(), clock,
                TokenAuthority.DEFAULT_LIFETIME, ArmAudiences.publicCloud());
        server = tls.newServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.createContext(AdfsEndpoints.ROOT + "/", new AdfsEndpoints(authority, SECRET, clock, grants::add));
        HttpContext arm = server.createContext("/subscriptions", exchange -> {
            // Recorded before answering, so a client that has its answer finds its check here.
            armChecks.add((TokenAuthority.BearerCheck) exchange.getAttribute(BearerTokenGate.CHECK_ATTRIBUTE));
            byte[] body = "{\"value\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        arm.getFilters().add(new BearerTokenGate(authority, (exchange, check) -> armChecks.add(check)));
        server.createContext("/", exchange -> {
            unmatched.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    String base() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A client-side SSL context that trusts the sandbox certificate and nothing else. */
    SSLContext trustingClientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sandbox", tls.certificate().certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
