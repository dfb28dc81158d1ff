package dev.trustlift.cli.cloud;

import dev.trustlift.azure.AzureCloudAdapter;
import dev.trustlift.azure.AzureConnection;
import dev.trustlift.azure.CloudName;
import dev.trustlift.azure.ConnectionSettings;
import dev.trustlift.azure.SignInSettings;
import dev.trustlift.core.cloud.Cloud;
import java.net.URI;

/**
 * The one place the CLI names the Azure adapter. Kept apart from {@link CloudOptions} so that
 * parsing options never loads adapter classes.
 */
final class CloudConnector {

    private CloudConnector() {
    }

    static Cloud connect(URI endpoint, String cloudName, boolean verbose, SignInSettings signIn) {
        CloudName cloud = CloudName.parse(cloudName);
        ConnectionSettings settings = endpoint == null
                ? ConnectionSettings.azure(cloud, verbose).withSignIn(signIn)
                : new ConnectionSettings(endpoint, cloud, verbose, null, null, signIn);
        return new AzureCloudAdapter(AzureConnection.shared(settings));
    }
}
