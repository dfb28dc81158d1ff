package dev.trustlift.sandbox;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An HTTPS client that trusts exactly one TLS sandbox's certificate, as a client given --ca-cert would. */
final class TrustingClient {
    private TrustingClient() {
    }

    static HttpClient of(SandboxServer server) throws GeneralSecurityException, java.io.IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sandbox", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(server.certificatePem().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }
}
