package dev.trustlift.sandbox.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with the self-signed certificate, checked by curl (OpenSSL) and by the JDK's client. */
class ServerTlsTest {
    @TempDir
    static Path dir;
    static ServerTls tls;
    static HttpsServer server;
    static Path pem;

    @BeforeAll
    static void start() throws IOException {
        tls = new ServerTls(SelfSignedCertificate.forLoopback(Instant.now()));
        pem = dir.resolve("sandbox.pem");
        tls.certificate().writeCertificatePem(pem);
        server = tls.newServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.createContext("/", exchange -> {
            byte[] body = "hello over tls".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void curlTrustsTheServerWithThePemAsItsCaBundleByIpAndByName() throws Exception {
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            Process curl = new ProcessBuilder("curl", "-sS", "--cacert", pem.toString(),
                    "https://" + host + ":" + server.getAddress().getPort() + "/").redirectErrorStream(true).start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, curl.exitValue(), out);
            assertEquals("hello over tls", out);
        }
    }

    @Test
    void curlRefusesTheServerWithoutThePem() throws Exception {
        Process curl = new ProcessBuilder("curl", "-sS", "--capath", dir.toString(), "--cacert", "/dev/null",
                "https://127.0.0.1:" + server.getAddress().getPort() + "/").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertTrue(curl.exitValue() == 60 || curl.exitValue() == 77, "curl exit " + curl.exitValue() + ": " + out);
    }

    @Test
    void theJdkClientTrustsItAsACaEntryAndRefusesItOtherwise() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("trustlift-sandbox", tls.certificate().certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        URI uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
        HttpResponse<String> answer = HttpClient.newBuilder().sslContext(context).build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("hello over tls", answer.body());
        assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
    }
}
