package dev.trustlift.cli.sandbox;

import dev.trustlift.cli.ErrorReporter;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.fleet.Fleet;
import dev.trustlift.sandbox.fleet.FleetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.trustlift.sandbox.tls.SandboxTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Serves a fleet until Ctrl-C / SIGTERM; the first line of output is the endpoint. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Serve a fleet on 127.0.0.1 until stopped (Ctrl-C). Prints the endpoint first.")
public final class SandboxStartCommand implements Callable<Integer> {
    static final String DEMO = "demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--fleet", required = true, paramLabel = "FILE",
            description = "Fleet JSON (contracts/fleet.md), or 'demo' for the bundled demo fleet.")
    String fleet;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    @Mixin
    SandboxTlsOptions tls = new SandboxTlsOptions();

    @Option(names = "--log", description = "Print one line per ARM call (method, path, status) to standard error.")
    boolean log;

    @Option(names = "--exit-after", hidden = true, paramLabel = "SECONDS", description = "Stop after this long (tests).")
    Double exitAfter;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ErrorReporter.UsageException("--port must be 0..65535, not " + port);
        }
        SandboxTls tlsSettings = tls.settings();
        Fleet loaded;
        Path baseDir = null;
        try {
            if (DEMO.equals(fleet) && !Files.exists(Path.of(fleet))) {
                loaded = Fleet.parse(demoText(), "demo fleet");
            } else {
                Path file = Path.of(fleet);
                loaded = Fleet.load(file);
                baseDir = file.toAbsolutePath().getParent();
            }
        } catch (FleetException e) {
            throw new ErrorReporter.UsageException(e.getMessage());
        }
        SandboxServer server;
        try {
            server = SandboxServer.start(loaded, baseDir, port, SandboxServer.DEFAULT_PAGE_SIZE, tlsSettings);
        } catch (BindException e) {
            throw new ErrorReporter.UsageException("port " + port + " on 127.0.0.1 is in use; choose another with --port");
        } catch (FleetException e) {
            throw new ErrorReporter.UsageException(e.getMessage());
        }
        if (log) {
            PrintWriter err = spec.commandLine().getErr();
            server.accessLog(line -> {
                synchronized (err) {
                    err.println(line);
                    err.flush();
                }
            });
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        tls.writeCertificate(server);
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.endpoint());
        int vmCount = loaded.vms() == null ? 0 : loaded.vms().size();
        out.println("trustlift sandbox: " + vmCount + " VMs in " + loaded.subscriptions().size()
                + " subscription(s), time scale " + loaded.effectiveTimeScale() + "; GET " + server.endpoint()
                + "_sandbox/state for the fleet's true state; Ctrl-C stops.");
        tls.announce(server, out);
        out.flush();
        if (exitAfter != null) {
            stopped.await((long) (exitAfter * 1000), TimeUnit.MILLISECONDS);
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
        } else {
            stopped.await();
        }
        return 0;
    }

    public static String demoText() throws IOException {
        try (InputStream in = SandboxStartCommand.class.getResourceAsStream("/fleets/demo.json")) {
            if (in == null) {
                throw new IOException("the demo fleet is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
