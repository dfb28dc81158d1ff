package dev.trustlift.cli.cloud;

import dev.trustlift.core.cloud.Cloud;
import dev.trustlift.core.cloud.CloudScope;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command that talks to the cloud shares. Holding plain values only, it costs
 * nothing to parse: the Azure SDK is loaded when {@link #connect()} is called, not before, so
 * commands that never connect (disk, --help) stay fast.
 */
public final class CloudOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "ARM endpoint to use instead of the cloud's own, e.g. the sandbox's http://127.0.0.1:PORT/.")
    URI endpoint;

    @Option(names = "--subscription", paramLabel = "ID", split = ",",
            description = "Subscription to work in (repeatable, or comma-separated).")
    List<String> subscriptions = new ArrayList<>();

    @Option(names = "--cloud", paramLabel = "NAME", defaultValue = "AzureCloud",
            description = "AzureCloud (default), AzureChinaCloud or AzureUSGovernment, as in 'az cloud list'.")
    String cloud;

    @Option(names = "--verbose", description = "Log the Azure SDK's requests and warnings to stderr.")
    boolean verbose;

    /** Sign-in and TLS trust (--tenant, --client-id, --client-secret-env, --authority-host, --ca-cert). */
    @Mixin
    SignInOptions signIn = new SignInOptions();

    /** The subscriptions asked for; a usage error (exit 2) when none was given. */
    public List<String> subscriptions() {
        if (subscriptions.isEmpty()) {
            throw new ParameterException(mixee.commandLine(), "Missing required option: '--subscription=ID'");
        }
        for (String s : subscriptions) {
            if (!s.matches("[0-9A-Za-z-]{1,64}")) {
                throw new ParameterException(mixee.commandLine(), "Invalid subscription id: '" + s + "'");
            }
        }
        return List.copyOf(subscriptions);
    }

    public CloudScope scope(String resourceGroup, Map<String, String> tags) {
        return new CloudScope(subscriptions(), resourceGroup, tags);
    }

    /** Connects (sharing one connection per process and settings) and returns the port. */
    public Cloud connect() {
        try {
            return CloudConnector.connect(endpoint, cloud, verbose, signIn, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }
}
