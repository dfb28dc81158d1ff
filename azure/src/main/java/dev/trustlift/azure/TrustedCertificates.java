package dev.trustlift.azure;

import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The HTTP client for ARM and for sign-in: the SDK's default, or, with {@code --ca-cert FILE},
 * one that trusts the certificates in that PEM file besides the JVM's own trust anchors (so the
 * sandbox's self-signed certificate is trusted without touching the JVM's trust store, and
 * Azure's own endpoints still are).
 */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static HttpClient httpClient(Path caCertificate) {
        if (caCertificate == null) {
            return HttpClient.createDefault();
        }
        SslContext ssl = sslContext(load(caCertificate));
        return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                .secure(spec -> spec.sslContext(ssl))).build();
    }

    /** The certificates of a PEM (or DER) file; a bad file is a usage error with the file named. */
    static List<X509Certificate> load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            read.forEach(c -> out.add((X509Certificate) c));
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + file
                        + ": --ca-cert expects the PEM written by `trustlift sandbox start --cert-out`");
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file + " (given with --ca-cert)");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the certificate " + file + ": " + e.getMessage());
        }
    }

    private static SslContext sslContext(List<X509Certificate> extra) {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int n = 0;
            for (X509Certificate system : systemTrustAnchors()) {
                anchors.setCertificateEntry("system-" + n++, system);
            }
            for (X509Certificate cert : extra) {
                anchors.setCertificateEntry("ca-cert-" + n++, cert);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            return SslContextBuilder.forClient().trustManager(trust).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** The JVM's default anchors (cacerts, or javax.net.ssl.trustStore when set). */
    private static List<X509Certificate> systemTrustAnchors() throws GeneralSecurityException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        List<X509Certificate> out = new ArrayList<>();
        for (TrustManager manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                out.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return out;
    }
}
