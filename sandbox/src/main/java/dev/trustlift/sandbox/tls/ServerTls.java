package dev.trustlift.sandbox.tls;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** The server side of the sandbox's HTTPS: an {@link SSLContext} holding the self-signed key. */
public final class ServerTls {
    private static final String KEY_ALIAS = "sandbox";
    /** Only protects the in-memory key store; it never leaves this process. */
    private static final char[] IN_MEMORY_PASSWORD = "sandbox".toCharArray();

    static {
        // As SandboxServer does: the JDK reads this once, when its first server is made, and with
        // Nagle on every call waits 40 ms for a delayed ACK (which also skews the throttling tests).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SelfSignedCertificate certificate;
    private final SSLContext sslContext;

    public ServerTls(SelfSignedCertificate certificate) {
        this.certificate = certificate;
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(KEY_ALIAS, certificate.keyPair().getPrivate(), IN_MEMORY_PASSWORD,
                    new Certificate[] {certificate.certificate()});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, IN_MEMORY_PASSWORD);
            sslContext = SSLContext.getInstance("TLS");
            sslContext.init(managers.getKeyManagers(), null, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the sandbox's TLS context: " + e.getMessage(), e);
        }
    }

    public SelfSignedCertificate certificate() {
        return certificate;
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    /** An HTTPS server bound to {@code address} (not started), speaking TLS 1.2 and 1.3. */
    public HttpsServer newServer(InetSocketAddress address) throws IOException {
        return newServer(address, 0);
    }

    public HttpsServer newServer(InetSocketAddress address, int backlog) throws IOException {
        HttpsServer server = HttpsServer.create(address, backlog);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = sslContext.getDefaultSSLParameters();
                ssl.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                ssl.setNeedClientAuth(false);
                params.setSSLParameters(ssl);
            }
        });
        return server;
    }
}
