package dev.trustlift.cli.sandbox;

import dev.trustlift.cli.ErrorReporter;
import dev.trustlift.sandbox.SandboxServer;
import dev.trustlift.sandbox.tls.SandboxTls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code sandbox start --tls [--cert-out FILE] [--client-secret-env NAME]} (docs/sandbox-tls.md). The
 * secret is read from the named environment variable, never taken on the command line, where
 * {@code ps} and the shell history would show it.
 */
final class SandboxTlsOptions {

    @Option(names = "--tls",
            description = "Serve HTTPS with a self-signed certificate made at start-up, and a local AD FS-shaped"
                    + " sign-in at /adfs/ whose tokens every ARM call needs.")
    boolean enabled;

    @Option(names = "--cert-out", paramLabel = "FILE",
            description = "With --tls: write the certificate (PEM) here, for clients to trust (--ca-cert FILE).")
    Path certOut;

    @Option(names = "--client-secret-env", paramLabel = "NAME",
            description = "With --tls: the environment variable holding the secret any client id signs in with"
                    + " (default: the secret is 'sandbox').")
    String clientSecretEnv;

    SandboxTls settings() {
        return settings(System.getenv());
    }

    SandboxTls settings(Map<String, String> environment) {
        if (!enabled) {
            if (certOut != null || clientSecretEnv != null) {
                throw new ErrorReporter.UsageException("--cert-out and --client-secret-env need --tls");
            }
            return SandboxTls.OFF;
        }
        if (clientSecretEnv == null) {
            return SandboxTls.on(null);
        }
        String secret = environment.get(clientSecretEnv);
        if (secret == null || secret.isEmpty()) {
            throw new ErrorReporter.UsageException("--client-secret-env " + clientSecretEnv
                    + ": that environment variable is not set (or empty)");
        }
        return SandboxTls.on(secret);
    }

    /** Writes the certificate before the endpoint is printed, so a client that read the endpoint finds it. */
    void writeCertificate(SandboxServer server) {
        if (!enabled || certOut == null) {
            return;
        }
        try {
            Path parent = certOut.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(certOut, server.certificatePem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            server.close();
            throw new UncheckedIOException("cannot write the certificate to " + certOut + ": " + e.getMessage(), e);
        }
    }

    /** Tells the user how to sign in (the secret itself is not repeated). */
    void announce(SandboxServer server, PrintWriter out) {
        if (!enabled) {
            return;
        }
        String pem = certOut != null ? certOut.toString() : "(not written: pass --cert-out FILE)";
        out.println("trustlift sandbox: TLS on; certificate " + pem + "; sign in with AZURE_AUTHORITY_HOST="
                + server.authorityHost() + " AZURE_TENANT_ID=adfs, any AZURE_CLIENT_ID and the secret of"
                + (clientSecretEnv == null ? " 'sandbox' (the default)." : " $" + clientSecretEnv + "."));
    }
}
