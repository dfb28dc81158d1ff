package dev.trustlift.sandbox;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.trustlift.sandbox.arm.CloudMetadataEndpoints;
import dev.trustlift.sandbox.control.ControlEndpoints;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.identity.ArmAudiences;
import dev.trustlift.sandbox.tls.SandboxTls;
import dev.trustlift.sandbox.tls.SelfSignedCertificate;
import dev.trustlift.sandbox.tls.ServerTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox: an HTTP server on 127.0.0.1 that speaks the ARM subset trustlift uses, over a
 * fleet. Fresh state per instance; {@code close()} stops it. Requests run on a bounded pool;
 * when the queue is full the accepting thread runs the request itself, which slows clients down
 * instead of failing them.
 */
public final class SandboxServer implements AutoCloseable {
    /** VMs per page of a VM list (ARM pages with nextLink). */
    public static final int DEFAULT_PAGE_SIZE = 100;
    private static final int THREADS = 8;
    private static final int QUEUE = 1024;

    static {
        // The JDK server leaves Nagle on by default, which with delayed ACKs costs 40 ms a call.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer http;
    private final ThreadPoolExecutor pool;
    private final Fleet fleet;
    private final Path baseDir;
    private final int pageSize;
    private final String endpoint;
    private final ServerTls tls;
    private final ArmDispatcher dispatcher;
    private volatile SandboxRuntime runtime;

    private SandboxServer(Fleet fleet, Path baseDir, int port, int pageSize, SandboxTls tls) throws IOException {
        this.fleet = fleet;
        this.baseDir = baseDir;
        this.pageSize = pageSize;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        this.tls = tls.enabled() ? new ServerTls(SelfSignedCertificate.forLoopback(Instant.now())) : null;
        this.http = this.tls != null ? this.tls.newServer(address, 256) : HttpServer.create(address, 256);
        this.endpoint = (this.tls != null ? "https" : "http") + "://127.0.0.1:" + http.getAddress().getPort() + "/";
        this.runtime = new SandboxRuntime(fleet, baseDir, pageSize, endpoint);
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "sandbox-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        ControlEndpoints control = new ControlEndpoints(() -> runtime.context.state(), () -> runtime.calls, this::reset,
                fleet.effectiveTimeScale());
        this.dispatcher = new ArmDispatcher(() -> runtime, control);
        ArmAudiences audiences = ArmAudiences.forEndpoint(endpoint);
        CloudMetadataEndpoints metadata = new CloudMetadataEndpoints(audiences, dispatcher::record);
        if (this.tls != null) {
            SignInMount.mount((HttpsServer) http, this.tls, tls, audiences, metadata, dispatcher, dispatcher::record);
        } else {
            http.createContext("/", dispatcher).getFilters().add(metadata);
        }
        http.setExecutor(pool);
        http.start();
    }

    /** Starts a sandbox on 127.0.0.1:{@code port} (0 = an ephemeral port). */
    public static SandboxServer start(Fleet fleet, int port) throws IOException {
        return new SandboxServer(fleet, null, port, DEFAULT_PAGE_SIZE, SandboxTls.OFF);
    }

    /** As {@link #start(Fleet, int)}, resolving relative image paths of layouts against {@code baseDir}. */
    public static SandboxServer start(Fleet fleet, Path baseDir, int port, int pageSize) throws IOException {
        return new SandboxServer(fleet, baseDir, port, pageSize, SandboxTls.OFF);
    }

    /**
     * As {@link #start(Fleet, Path, int, int)}; with {@code tls} on, HTTPS with a certificate made
     * now and the AD FS-shaped sign-in of docs/sandbox-tls.md, every ARM call needing its token.
     */
    public static SandboxServer start(Fleet fleet, Path baseDir, int port, int pageSize, SandboxTls tls)
            throws IOException {
        return new SandboxServer(fleet, baseDir, port, pageSize, tls);
    }

    /** The certificate clients must trust (PEM), or null without TLS. */
    public String certificatePem() {
        return tls == null ? null : tls.certificate().certificatePem();
    }

    /** The sign-in authority for azure-identity's AZURE_AUTHORITY_HOST, or null without TLS. */
    public String authorityHost() {
        return tls == null ? null : endpoint + "adfs";
    }

    /** The base URL, e.g. {@code http://127.0.0.1:PORT/} ({@code https://} with TLS). */
    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Sends one line per answered call ("METHOD path?query -> status") to {@code log}; null stops it. */
    public void accessLog(java.util.function.Consumer<String> log) {
        dispatcher.accessLog(log == null ? null : c -> log.accept(c.time() + " " + c.method() + " " + c.path()
                + (c.query() == null ? "" : "?" + c.query()) + " -> " + c.status()
                + (c.signIn() == null ? "" : " " + c.signIn())));
    }

    /** Replaces all state with a fresh copy of the fleet (POST /_sandbox/reset). */
    public synchronized void reset() {
        SandboxRuntime old = runtime;
        runtime = new SandboxRuntime(fleet, baseDir, pageSize, endpoint);
        old.close();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
        runtime.close();
    }
}
