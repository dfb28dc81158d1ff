package dev.trustlift.cli.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Sign-in and TLS trust flags shared by every command that talks to ARM. Each flag overrides the
 * AZURE_* variable azure-identity reads; the secret itself never goes on the command line (it would
 * show in `ps` and shell history), only the name of the variable holding it.
 */
public final class SignInOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--tenant", paramLabel = "ID",
            description = "Tenant to sign in to (default: AZURE_TENANT_ID; 'adfs' for an AD FS authority).")
    String tenant;

    @Option(names = "--client-id", paramLabel = "ID",
            description = "Service principal (app) id (default: AZURE_CLIENT_ID).")
    String clientId;

    @Option(names = "--client-secret-env", paramLabel = "NAME",
            description = "Environment variable holding the client secret (default: AZURE_CLIENT_SECRET).")
    String clientSecretEnv;

    @Option(names = "--authority-host", paramLabel = "URL",
            description = "Sign-in authority, e.g. https://127.0.0.1:8443/adfs for the sandbox"
                    + " (default: AZURE_AUTHORITY_HOST, else the cloud's own).")
    String authorityHost;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "Also trust the certificates in this PEM file (e.g. the one written by"
                    + " `sandbox start --tls --cert-out`).")
    Path caCert;

    /**
     * The client secret the flags name: the value of --client-secret-env's variable, or null when
     * the flag is absent (azure-identity's own AZURE_CLIENT_SECRET then applies). Plain values
     * only: this class must not load the adapter's classes (commands that never connect stay fast).
     */
    String clientSecret(Map<String, String> environment) {
        if (clientSecretEnv == null) {
            return null;
        }
        String secret = environment.get(clientSecretEnv);
        if (secret == null || secret.isEmpty()) {
            throw new ParameterException(mixee.commandLine(), "--client-secret-env " + clientSecretEnv
                    + ": that environment variable is not set");
        }
        return secret;
    }

    /** The --ca-cert file, checked to be readable. */
    Path caCert() {
        if (caCert != null && !Files.isReadable(caCert)) {
            throw new ParameterException(mixee.commandLine(), "--ca-cert " + caCert + ": no such readable file");
        }
        return caCert;
    }
}
