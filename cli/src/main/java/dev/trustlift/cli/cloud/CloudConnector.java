package dev.trustlift.cli.cloud;

import dev.trustlift.azure.AzureCloudAdapter;
import dev.trustlift.azure.AzureConnection;
import dev.trustlift.azure.CloudName;
import dev.trustlift.azure.ConnectionSettings;
import dev.trustlift.azure.SignInSettings;
import dev.trustlift.core.cloud.Cloud;
import java.net.URI;
import java.util.Map;

/**
 * The one place the CLI names the Azure adapter. Kept apart from {@link CloudOptions} so that
 * parsing options never loads adapter classes.
 */
final class CloudConnector {

    private CloudConnector() {
    }

    static Cloud connect(URI endpoint, String cloudName, boolean verbose, SignInOptions flags,
            Map<String, String> environment) {
        CloudName cloud = CloudName.parse(cloudName);
        SignInSettings signIn = SignInSettings.resolve(environment, flags.tenant, flags.clientId,
                flags.clientSecret(environment), flags.authorityHost, flags.caCert());
        ConnectionSettings settings = endpoint == null
                ? ConnectionSettings.azure(cloud, verbose).withSignIn(signIn)
                : new ConnectionSettings(endpoint, cloud, verbose, null, null, signIn);
        return new AzureCloudAdapter(AzureConnection.shared(settings));
    }
}
